using Restake.EigenDA.Crypto;
using Restake.EigenDA.Network;

namespace Restake.EigenDA.Chain;

/// <summary>
/// EigenDA's own key registry (as eigenlayer-middleware's BLSApkRegistry, an AVS-side contract, not the core protocol):
/// operator name → its BLS G1 and G2 public keys and the id keccak256(G1). A key and an id belong to one operator;
/// registration refuses a key that is not a valid point or already taken. Proof of possession is not checked yet.
/// </summary>
public sealed class BlsApkRegistry
{
    private readonly SortedDictionary<string, (Affine<Fp> G1, Affine<Fp2> G2, OperatorId Id)> _byOperator = new(StringComparer.Ordinal);
    private readonly Dictionary<OperatorId, string> _byId = [];

    public int Count => _byOperator.Count;

    public void Register(string operatorName, Affine<Fp> publicKeyG1, Affine<Fp2> publicKeyG2)
    {
        var id = Check(operatorName, publicKeyG1, publicKeyG2);
        _byOperator[operatorName] = (publicKeyG1, publicKeyG2, id);
        _byId[id] = operatorName;
    }

    /// <summary>Throws what <see cref="Register"/> would refuse, changing nothing; returns the key's id.</summary>
    public OperatorId Check(string operatorName, Affine<Fp> publicKeyG1, Affine<Fp2> publicKeyG2)
    {
        if (_byOperator.ContainsKey(operatorName))
        {
            throw new DaException(DaError.BadOperatorSet, $"{operatorName} already registered a BLS key");
        }
        if (publicKeyG1.Infinity || !G1.IsOnCurve(publicKeyG1) || publicKeyG2.Infinity || !G2.IsOnCurve(publicKeyG2) || !G2.IsInSubgroup(publicKeyG2))
        {
            throw new DaException(DaError.BadOperatorSet, $"{operatorName}: a BLS public key must be a non-zero point of G1 and of G2's subgroup");
        }
        var id = OperatorId.Of(publicKeyG1);
        if (_byId.TryGetValue(id, out var holder))
        {
            throw new DaException(DaError.BadOperatorSet, $"{operatorName}: that BLS key already belongs to {holder}");
        }
        return id;
    }

    public bool TryGet(string operatorName, out (Affine<Fp> G1, Affine<Fp2> G2, OperatorId Id) keys) => _byOperator.TryGetValue(operatorName, out keys);

    public string? OperatorOf(OperatorId id) => _byId.GetValueOrDefault(id);

    public IEnumerable<string> Operators => _byOperator.Keys;
}
