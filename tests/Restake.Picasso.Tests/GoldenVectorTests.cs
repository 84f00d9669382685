using System.Text.Json;
using CsCheck;
using Restake.Picasso;

namespace Restake.Picasso.Tests;

/// <summary>
/// Upstream guest-chain vectors, byte for byte (tests/data/picasso/README.md cites the files:
/// ComposableFi/emulated-light-client @ 922d7f33, common/guestchain/src/block.rs, epoch.rs and insta snapshots).
/// </summary>
public class GoldenVectorTests
{
    private static readonly JsonElement V = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "picasso", "guestchain-vectors.json"))).RootElement;

    private static string S(string a, string b) => V.GetProperty(a).GetProperty(b).GetString()!;

    // Upstream Epoch::test: mock u32 keys, quorum total / 2 + 1.
    private static Epoch TestEpoch(params (uint Key, ulong Stake)[] vs) =>
        Epoch.CreateWith([.. vs.Select(v => new Validator(PubKey.Mock(v.Key), v.Stake))], Epoch.MajorityQuorum)!;

    private static Block Genesis() => Block.Genesis(0, 42, 24, CryptoHash.Test(66), TestEpoch((0, 10), (1, 10)));

    [Fact]
    public void Epoch_borsh_and_commitment_match_upstream()
    {
        var epoch = TestEpoch((0, 10), (1, 10));
        Assert.Equal((UInt128)11, epoch.QuorumStake);
        Assert.Equal(S("epoch_0_10_1_10", "borsh"), Convert.ToHexStringLower(epoch.ToBorsh()));
        Assert.Equal(S("epoch_0_10_1_10", "commitment"), epoch.Commitment.Hex);
    }

    [Fact]
    public void Genesis_header_and_block_bytes_and_hash_match_upstream()
    {
        var genesis = Genesis();
        Assert.True(genesis.Header.IsGenesis);
        var headerBytes = genesis.Header.ToBorsh();
        Assert.Equal(154, headerBytes.Length);
        Assert.Equal(S("genesis", "header_borsh"), Convert.ToHexStringLower(headerBytes));
        Assert.Equal(S("genesis", "block_borsh"), Convert.ToHexStringLower(genesis.ToBorsh()));
        Assert.Equal(S("genesis", "hash_base64"), genesis.Header.Hash.Base64);
    }

    [Fact]
    public void Blocks_one_to_three_chain_hashes_and_epoch_ids_as_upstream()
    {
        var genesis = Genesis();
        var genesisHash = CryptoHash.FromBase64(S("genesis", "hash_base64"));

        var b1 = genesis.Header.GenerateNext(50, 50, CryptoHash.Test(99), null).Value;
        Assert.Equal(1ul, b1.Header.BlockHeight);
        Assert.Equal(genesisHash, b1.Header.PrevBlockHash);
        Assert.Equal(genesisHash, b1.Header.EpochId);
        Assert.Equal(S("block_1", "header_borsh"), Convert.ToHexStringLower(b1.Header.ToBorsh()));
        Assert.Equal(S("block_1", "block_borsh"), Convert.ToHexStringLower(b1.ToBorsh()));
        Assert.Equal(S("block_1", "hash_base64"), b1.Header.Hash.Base64);

        var b2 = b1.Header.GenerateNext(60, 60, CryptoHash.Test(99), TestEpoch((0, 20), (1, 10))).Value;
        Assert.Equal(b1.Header.Hash, b2.Header.PrevBlockHash);
        Assert.Equal(genesisHash, b2.Header.EpochId);
        Assert.Equal(S("block_2", "hash_base64"), b2.Header.Hash.Base64);

        var b3 = b2.Header.GenerateNext(65, 65, CryptoHash.Test(99), null).Value;
        Assert.Equal(b2.Header.Hash, b3.Header.PrevBlockHash);
        Assert.Equal(b2.Header.Hash, b3.Header.EpochId);
    }

    [Fact]
    public void Header_and_block_decode_back_to_themselves()
    {
        var genesis = Genesis();
        Assert.Equal(genesis.Header, BlockHeader.FromBorsh(genesis.Header.ToBorsh()));
        var decoded = Block.FromBorsh(genesis.ToBorsh(), keyLength: 4);
        Assert.Equal(genesis.Header, decoded.Header);
        Assert.Equal(genesis.NextEpoch!.ToBorsh(), decoded.NextEpoch!.ToBorsh());
    }

    [Fact]
    public void Generating_a_next_block_refuses_time_or_host_height_going_backwards()
    {
        // Upstream test_block_generation: host 42 -> BadHostHeight, timestamp 23 -> BadHostTimestamp.
        var genesis = Genesis();
        Assert.Equal("BadHostHeight", genesis.Header.GenerateNext(42, 100, CryptoHash.Test(99), null).Error!.Name);
        Assert.Equal("BadHostTimestamp", genesis.Header.GenerateNext(43, 23, CryptoHash.Test(99), null).Error!.Name);
    }

    [Fact]
    public void Invalid_epochs_are_refused_as_upstream_test_borsh_failures()
    {
        // No validators; a zero stake; quorum zero; quorum above the total (upstream epoch.rs test_borsh_failures).
        Assert.Throws<FormatException>(() => Epoch.FromBorsh(Convert.FromHexString("00" + "00000000" + new string('0', 32)), 4));
        var v = "00" + "02000000" + "00" + "00000000" + "{0}" + "00" + "01000000" + "0a000000000000000000000000000000" + "{1}";
        string Q(byte q) => Convert.ToHexStringLower([q, .. new byte[15]]);
        Assert.Throws<FormatException>(() => Epoch.FromBorsh(Convert.FromHexString(string.Format(v, new string('0', 32), Q(1))), 4));
        Assert.Throws<FormatException>(() => Epoch.FromBorsh(Convert.FromHexString(string.Format(v, Q(10), Q(0))), 4));
        Assert.Throws<FormatException>(() => Epoch.FromBorsh(Convert.FromHexString(string.Format(v, Q(10), Q(21))), 4));
        Assert.Equal((UInt128)20, Epoch.FromBorsh(Convert.FromHexString(string.Format(v, Q(10), Q(20))), 4).TotalStake);
    }

    [Fact]
    public void Fingerprint_is_genesis_height_le_and_block_hash()
    {
        // Upstream test_signatures layout: 32 + 8 + 32 bytes.
        var fp = Fingerprint.Of(CryptoHash.Test(1), 2, CryptoHash.Test(3));
        Assert.Equal(72, fp.Length);
        Assert.Equal(CryptoHash.Test(1).Hex + "0200000000000000" + CryptoHash.Test(3).Hex, Convert.ToHexStringLower(fp));
    }

    [Fact]
    public void Ed25519_matches_rfc8032_test_1()
    {
        // RFC 8032 section 7.1, TEST 1 (empty message).
        var key = new SigningKey(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", key.PubKey.Hex);
        var sig = key.Sign([]);
        Assert.Equal("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b", Convert.ToHexStringLower(sig));
        Assert.True(Ed25519.Verify(key.PubKey, [], sig));
        sig[0] ^= 1;
        Assert.False(Ed25519.Verify(key.PubKey, [], sig));
    }
}

public class BorshPropertyTests
{
    private static readonly Gen<CryptoHash> Hash = Gen.Byte.Array[32].Select(b => new CryptoHash(b));

    [Fact]
    public void Headers_round_trip_and_any_truncation_is_refused()
    {
        Gen.Select(Hash, Gen.ULong, Gen.ULong, Gen.ULong[1, ulong.MaxValue], Hash, Hash, Gen.Bool, Hash)
            .Sample((prev, height, host, ts, root, epochId, hasNext, next) =>
            {
                var h = new BlockHeader(prev, height, host, ts, root, epochId, hasNext ? next : null);
                var bytes = h.ToBorsh();
                Assert.Equal(hasNext ? 154 : 122, bytes.Length);
                Assert.Equal(h, BlockHeader.FromBorsh(bytes));
                Assert.Throws<FormatException>(() => BlockHeader.FromBorsh(bytes[..^1]));
                Assert.Throws<FormatException>(() => BlockHeader.FromBorsh([.. bytes, 0]));
            }, iter: 200);
    }
}
