using Restake.Primitives;

namespace Restake.Lrt;

/// <summary>A Puffer validator: its operator and the pufETH bond the protocol holds for it.</summary>
public sealed record PufferValidator(int Id, string Operator, UInt256 BondShares)
{
    public bool Exited { get; internal set; }
}

/// <summary>
/// Node-operator bonds (mainnet-contracts/src/PufferProtocol.sol): the operator's bond is deposited as
/// pufETH held by the protocol; the vault funds the 32 ETH validator. On exit, a slashed validator
/// loses its whole bond; otherwise convertToSharesUp(32 ETH - withdrawal) is burned from the bond when
/// the validator returns less than 32 ETH, priced before the ETH returns. Only the loss the bond does
/// not cover reaches the vault's rate.
/// </summary>
public sealed class PufferBonds(PufferVault vault)
{
    public const string Holder = "puffer:protocol";
    public static readonly UInt256 ValidatorEth = UInt256.Pow10(18) * 32UL;
    private readonly List<PufferValidator> _validators = [];

    public IReadOnlyList<PufferValidator> Validators => _validators;

    /// <summary>Operator posts <paramref name="bondEth"/> (1 ETH with an enclave, 2 without); the vault stakes 32 ETH.</summary>
    public PufferValidator Provision(string op, UInt256 bondEth)
    {
        LrtRevert.If(vault.LiquidEth < ValidatorEth, "InsufficientVaultLiquidity", $"vault has {vault.LiquidEth} liquid");
        var shares = vault.Deposit(Holder, bondEth);
        vault.LiquidEth -= ValidatorEth;
        vault.LockedEth += ValidatorEth;
        var v = new PufferValidator(_validators.Count, op, shares);
        _validators.Add(v);
        return v;
    }

    /// <summary>Exits a validator returning <paramref name="withdrawalEth"/>; returns (bond burned, bond returned).</summary>
    public (UInt256 Burned, UInt256 Returned) Exit(int id, UInt256 withdrawalEth, bool wasSlashed)
    {
        LrtRevert.If(id < 0 || id >= _validators.Count, "InvalidValidatorState", $"no validator {id}");
        var v = _validators[id];
        LrtRevert.If(v.Exited, "InvalidValidatorState", $"validator {id} already exited");
        LrtRevert.If(vault.LockedEth < ValidatorEth, "InvalidValidatorState", "locked ETH below one validator");
        UInt256 burn;
        if (wasSlashed)
        {
            burn = v.BondShares;
        }
        else if (withdrawalEth < ValidatorEth)
        {
            burn = UInt256.Min(v.BondShares, vault.ConvertToShares(ValidatorEth - withdrawalEth, roundUp: true));
        }
        else
        {
            burn = UInt256.Zero;
        }
        vault.Shares.Burn(Holder, burn);
        vault.LockedEth -= ValidatorEth;
        vault.LiquidEth += withdrawalEth;
        var returned = v.BondShares - burn;
        vault.Shares.Transfer(Holder, v.Operator, returned);
        v.Exited = true;
        return (burn, returned);
    }
}
