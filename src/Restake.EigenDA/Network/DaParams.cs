using System.Numerics;

namespace Restake.EigenDA.Network;

/// <summary>Why a network request (operator set, dispersal, retrieval, certificate) was refused.</summary>
public enum DaError
{
    /// <summary>Chunk count, coding rate, operator bound and thresholds do not satisfy the security inequality.</summary>
    BadParameters,
    /// <summary>Operators without stake in the quorum, duplicate keys, or more operators than the parameters allow.</summary>
    BadOperatorSet,
    /// <summary>The stake that signed the header is below the quorum's confirmation threshold.</summary>
    InsufficientSignatures,
    /// <summary>The verified chunks that reachable operators served are fewer than reconstruction needs.</summary>
    NotEnoughChunks,
    /// <summary>Bytes from another process that do not decode (wrong length, a symbol ≥ r, a point off the curve).</summary>
    BadMessage,
    /// <summary>A payment the vault refuses: no reservation capacity, too little on-demand deposit, a wrong quorum or account.</summary>
    PaymentRefused,
}

/// <summary>One named error for the network layer; the message says what was expected.</summary>
public sealed class DaException(DaError error, string message) : Exception(message)
{
    public DaError Error { get; } = error;
}

/// <summary>
/// Blob-version parameters and per-quorum thresholds (EigenDAThresholdRegistry and the security-parameters spec):
/// c = NumChunks, the coding rate 1/γ, n = MaxNumOperators, and the confirmation and adversary thresholds in percent.
/// </summary>
public sealed record DaParams(int NumChunks, int CodingRate, int MaxNumOperators, int ConfirmationThresholdPercent, int AdversaryThresholdPercent)
{
    /// <summary>Blob version 0 on mainnet (c = 8192, rate 8, n = 3537) with the default 55 % / 33 % thresholds.</summary>
    public static DaParams Mainnet { get; } = new(8192, 8, 3537, 55, 33);

    /// <summary>Chunks any one blob reconstructs from at most: c·γ. Also the cap on one operator's assignment.</summary>
    public int ChunksForOneBlob => NumChunks / CodingRate;

    /// <summary>
    /// The on-chain check (EigenDACertVerificationLib): codingRate·(c − n)·(confirmation − adversary) ≥ 100·c,
    /// i.e. confirmation − adversary ≥ the reconstruction threshold c/(c − n)·γ.
    /// </summary>
    public bool SecurityHolds =>
        (long)CodingRate * (NumChunks - MaxNumOperators) * (ConfirmationThresholdPercent - AdversaryThresholdPercent) >= 100L * NumChunks;

    /// <summary>The stake share that guarantees enough chunks, c/(c − n)·γ, as a fraction (numerator, denominator).</summary>
    public (long Numerator, long Denominator) ReconstructionThreshold => (NumChunks, (long)(NumChunks - MaxNumOperators) * CodingRate);

    public void Validate()
    {
        if (NumChunks < 1 || !BitOperations.IsPow2(NumChunks) || CodingRate < 1 || !BitOperations.IsPow2(CodingRate) || CodingRate > NumChunks)
        {
            throw new DaException(DaError.BadParameters, "chunk count and coding rate are powers of two, the rate at most the chunk count");
        }
        if (MaxNumOperators < 1 || MaxNumOperators >= NumChunks)
        {
            throw new DaException(DaError.BadParameters, $"the operator bound must lie in 1..{NumChunks - 1}");
        }
        if (ConfirmationThresholdPercent is < 1 or > 100 || AdversaryThresholdPercent < 0 || AdversaryThresholdPercent >= ConfirmationThresholdPercent)
        {
            throw new DaException(DaError.BadParameters, "thresholds are percentages with adversary < confirmation");
        }
        if (!SecurityHolds)
        {
            throw new DaException(DaError.BadParameters,
                $"rate·(c − n)·(confirmation − adversary) = {(long)CodingRate * (NumChunks - MaxNumOperators) * (ConfirmationThresholdPercent - AdversaryThresholdPercent)} is below 100·c = {100L * NumChunks}");
        }
    }
}
