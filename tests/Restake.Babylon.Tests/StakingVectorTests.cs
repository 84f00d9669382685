using System.Text.Json;
using NBitcoin;
using Restake.Babylon.Btc;
using Restake.Babylon;
using Restake.Protocol;

namespace Restake.Babylon.Tests;

/// <summary>Golden tests: every case of upstream btcstaking/testvectors/vectors.json (tests/data/babylon/README.md) byte for byte.</summary>
public class StakingVectorTests
{
    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Load().GetArrayLength(); i++)
        {
            data.Add(i);
        }
        return data;
    }

    private static JsonElement Load() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "babylon", "vectors.json"))).RootElement.GetProperty("vectors");

    [Fact]
    public void The_file_has_the_five_upstream_cases() => Assert.Equal(5, Load().GetArrayLength());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Scripts_outputs_unbonding_tx_and_marker_reproduce_the_vector(int index)
    {
        var v = Load()[index];
        var p = v.GetProperty("parameters");
        var e = v.GetProperty("expected");
        byte[] Key(JsonElement k) => Keys.ParseXOnly(k.GetString()!)!;
        var staker = Key(p.GetProperty("staker_public_key"));
        var fps = p.GetProperty("finality_provider_public_keys").EnumerateArray().Select(Key).ToList();
        var covenants = p.GetProperty("covenant_public_keys").EnumerateArray().Select(Key).ToList();
        var scripts = StakingScripts.Build(staker, fps, covenants, p.GetProperty("covenant_quorum").GetInt32(), p.GetProperty("staking_time").GetInt32()).Value;

        Assert.Equal(e.GetProperty("staking_transaction_timelock_script_hex").GetString(), scripts.TimelockScript.ToHex());
        Assert.Equal(e.GetProperty("staking_transaction_unbonding_script_hex").GetString(), scripts.UnbondingScript.ToHex());
        Assert.Equal(e.GetProperty("staking_transaction_slashing_script_hex").GetString(), scripts.SlashingScript.ToHex());

        var staking = TaprootOutput.Staking(scripts);
        Assert.Equal(e.GetProperty("staking_output_pkscript_hex").GetString(), staking.ScriptPubKey.ToHex());
        // This copy has no address field; the reference note's addresses for #1 and #2 are checked below.

        var unbondingTime = p.GetProperty("unbonding_time").GetInt32();
        var unbondingOutput = TaprootOutput.Unbonding(scripts, unbondingTime);
        Assert.Equal(e.GetProperty("unbonding_transaction_time_lock_script_hex").GetString(), StakingScripts.Timelock(staker, unbondingTime).ToHex());
        Assert.Equal(e.GetProperty("unbonding_transaction_slashing_script_hex").GetString(), scripts.SlashingScript.ToHex());

        var outpoint = new OutPoint(uint256.Parse(p.GetProperty("staking_tx_hash").GetString()), p.GetProperty("staking_output_index").GetUInt32());
        var stakingValue = p.GetProperty("staking_value").GetInt64();
        Assert.Equal(e.GetProperty("staking_output_value").GetInt64(), stakingValue);
        var unbondingTx = StakingTransactions.Unbonding(outpoint, stakingValue, unbondingOutput, p.GetProperty("unbonding_fee").GetInt64()).Value;
        Assert.Equal(p.GetProperty("unbonding_tx_version").GetInt32(), (int)unbondingTx.Version);
        Assert.Equal(e.GetProperty("unbonding_transaction_hex").GetString(), unbondingTx.ToHex());

        var opReturn = e.GetProperty("op_return_script_hex").GetString();
        if (!string.IsNullOrEmpty(opReturn))
        {
            // The marker names exactly one finality provider; the vectors without one have several.
            var marker = StakingTransactions.StakingMarker(Convert.FromHexString(p.GetProperty("tag").GetString()!), staker, fps[0], scripts.StakingTime).Value;
            Assert.Equal(opReturn, marker.ToHex());
        }
        else
        {
            Assert.True(fps.Count > 1);
        }
    }

    [Theory]
    [InlineData(0, "bc1pk2ckn5ulhr4fs28kakxmh64pyk28qmgrhlgk8z53ycy2pp0a67jsmt99jq", "bcrt1pk2ckn5ulhr4fs28kakxmh64pyk28qmgrhlgk8z53ycy2pp0a67jsp6eva4")]
    [InlineData(1, "bc1ph0rtu8llnj6dj09k8rc0e8ja7upkcymm38yt4fmzlwrr0txl8knshd3cxu", "bcrt1ph0rtu8llnj6dj09k8rc0e8ja7upkcymm38yt4fmzlwrr0txl8knsdud3ff")]
    public void Staking_addresses_match_the_reference_note(int index, string mainnet, string regtest)
    {
        // Addresses from reference babylon-picasso.md C.1 (an independent Python bech32m and NBitcoin agreed there).
        var p = Load()[index].GetProperty("parameters");
        var scripts = StakingScripts.Build(
            Keys.ParseXOnly(p.GetProperty("staker_public_key").GetString()!)!,
            p.GetProperty("finality_provider_public_keys").EnumerateArray().Select(k => Keys.ParseXOnly(k.GetString()!)!),
            p.GetProperty("covenant_public_keys").EnumerateArray().Select(k => Keys.ParseXOnly(k.GetString()!)!),
            p.GetProperty("covenant_quorum").GetInt32(), p.GetProperty("staking_time").GetInt32()).Value;
        var output = TaprootOutput.Staking(scripts);
        Assert.Equal(mainnet, output.Address(Network.Main));
        Assert.Equal(regtest, output.Address(Network.RegTest));
    }

    [Fact]
    public void The_slashing_leaf_control_block_of_vector_2_matches_the_reference_note()
    {
        // Reference babylon-picasso.md C.1 #2: c0 ‖ NUMS ‖ TapBranch(timelock, unbonding), computed with NBitcoin there too.
        var v = Load()[1].GetProperty("parameters");
        var scripts = StakingScripts.Build(
            Keys.ParseXOnly(v.GetProperty("staker_public_key").GetString()!)!,
            v.GetProperty("finality_provider_public_keys").EnumerateArray().Select(k => Keys.ParseXOnly(k.GetString()!)!),
            v.GetProperty("covenant_public_keys").EnumerateArray().Select(k => Keys.ParseXOnly(k.GetString()!)!),
            3, 10000).Value;
        Assert.Equal(
            "c050929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac09e26b1af7ff978e296ee1b337a54d32ea160d526c657f673784f31fedb1ab70b",
            Convert.ToHexStringLower(TaprootOutput.Staking(scripts).ControlBlock(scripts.SlashingScript).ToBytes()));
    }

    [Fact]
    public void Duplicate_keys_bad_quorum_and_bad_timelock_are_refused_by_name()
    {
        var a = Keys.XOnly(Keys.FromName("a"));
        var b = Keys.XOnly(Keys.FromName("b"));
        var c = Keys.XOnly(Keys.FromName("c"));
        Assert.Equal("ErrDuplicatedKeyInScript", StakingScripts.Build(a, [a], [b], 1, 100).Error!.Name);
        Assert.Equal("ErrInvalidCovenantQuorum", StakingScripts.Build(a, [b], [c], 2, 100).Error!.Name);
        Assert.Equal("ErrInvalidStakingTime", StakingScripts.Build(a, [b], [c], 1, 65536).Error!.Name);
        Assert.Equal("ErrInvalidStakingTime", StakingTransactions.StakingMarker([1, 2, 3, 4], a, b, 0).Error!.Name);
    }
}
