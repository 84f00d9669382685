using Restake.Lrt.OnEngine;

namespace Restake.Lrt.Tests.OnEngine;

/// <summary>Puffer's Secure-Signer guard: a second, different message for a slot is refused and nothing changes.</summary>
public class SignerTests
{
    [Fact]
    public void a_double_signature_is_refused_and_the_record_keeps_the_first()
    {
        var net = new Net("a", "b");
        net.Do(Net.Create("pufETH", LrtPreset.Puffer, "WETH", default, "a", "b"),
            new LrtValidatorSign("pufETH", "a", 7, 100, "0xaa"),
            new LrtValidatorSign("pufETH", "a", 7, 100, "0xaa"), // the same root again: not slashable
            new LrtValidatorSign("pufETH", "a", 7, 101, "0xbb"),
            new LrtValidatorSign("pufETH", "a", 8, 100, "0xcc"), // another validator, same slot
            new LrtValidatorSign("pufETH", "b", 7, 100, "0xdd")); // another operator's validator 7
        var v = net.Vault("pufETH");
        var before = v.Signed.ToList();
        net.Refused("SlashableSignature", new LrtValidatorSign("pufETH", "a", 7, 100, "0xee"));
        Assert.Equal(before, v.Signed.ToList());
        Assert.Equal("0xaa", v.Signed[("a", 7UL, 100UL)]);
        Assert.Equal(4, v.Signed.Count);
        net.Refused("OperatorNotInLrt", new LrtValidatorSign("pufETH", "c", 7, 100, "0xaa"));
    }

    [Fact]
    public void other_presets_run_no_signer_guard()
    {
        var net = new Net("a");
        net.Do(Net.Create("ezETH", LrtPreset.Renzo, "stETH", default, "a"));
        net.Refused("SignerGuardUnsupported", new LrtValidatorSign("ezETH", "a", 0, 1, "0xaa"));
    }
}
