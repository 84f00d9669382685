using Restake.EigenDA.Crypto;
using Restake.Protocol.Rewards;

namespace Restake.EigenDA.Network;

/// <summary>
/// The local devnet: small parameters so a disperser and up to 16 operator processes run in seconds on a laptop.
/// c = 64 chunks, coding rate 8, at most 16 operators, 55 % / 33 % (8·48·22 = 8448 ≥ 6400, the security rule holds);
/// blobs up to 4096 symbols (126 945 payload bytes), so chunks hold at most 512 symbols. The SRS is the INSECURE local
/// setup from a τ everyone can compute (keccak256 of a fixed label): fine for a devnet, worthless for real data.
/// </summary>
public static class Devnet
{
    public static DaParams Params { get; } = new(64, 8, 16, 55, 33);

    public const int MaxBlobSymbols = 4096;

    /// <summary>The largest payload a devnet blob carries: every symbol but the header holds 31 bytes.</summary>
    public const int MaxPayloadBytes = (MaxBlobSymbols - 1) * 31;

    /// <summary>INSECURE: τ is public.</summary>
    public static Fr Tau { get; } = Fr.FromBigEndianReduced(Keccak.Hash("restake eigenda devnet srs, INSECURE"u8));

    /// <summary>The disperser's SRS: G1 powers for the largest blob.</summary>
    public static Srs DisperserSrs() => Srs.CreateInsecure(Tau, MaxBlobSymbols);

    /// <summary>An operator's SRS: it only interpolates and commits chunks, so the largest chunk length of G1 powers suffices.</summary>
    public static Srs OperatorSrs(DaParams p) => Srs.CreateInsecure(Tau, Math.Max(2, MaxBlobSymbols * p.CodingRate / p.NumChunks));

    /// <summary>A devnet operator's BLS key, derived from its name (anyone can derive it: devnets and tests only).</summary>
    public static BlsKeyPair KeyOf(string name) => BlsKeyPair.FromSeed(System.Text.Encoding.UTF8.GetBytes("restake-da-devnet:" + name));
}
