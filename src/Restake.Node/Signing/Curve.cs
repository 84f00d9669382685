using NBitcoin.Secp256k1;
using Native = Secp256k1Net.Secp256k1;

namespace Restake.Node.Signing;

/// <summary>
/// secp256k1 for transactions. Recovering the signer is most of what a node spends on a transaction:
/// bitcoin-core's libsecp256k1 (the build Secp256k1.Net bundles for Windows, Linux and macOS) takes
/// about 40 µs, NBitcoin's managed port of it about 300 µs. The native library is used when it loads
/// and answers a known vector as the port does; otherwise the port.
/// </summary>
internal static class Curve
{
    // One context per thread: the wrapper's thread safety is not documented, and a context is cheap.
    [ThreadStatic]
    private static Native? _context;

    /// <summary>Whether libsecp256k1 does the work; tests turn it off to hold the port to the same answers.</summary>
    internal static bool UseNative { get; set; } = NativeAgrees();

    public static string Name => UseNative ? "libsecp256k1" : "NBitcoin.Secp256k1";

    /// <summary>Signs a 32-byte digest (RFC 6979 nonce, low s): r‖s into <paramref name="signature"/>, and the recovery id.</summary>
    public static int Sign(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> key, Span<byte> signature) =>
        UseNative ? NativeSign(digest, key, signature) : ManagedSign(digest, key, signature);

    /// <summary>The uncompressed public key (65 bytes) whose key signed <paramref name="digest"/>; false when none does.</summary>
    public static bool TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, int recovery, Span<byte> point) =>
        UseNative ? NativeRecover(digest, signature, recovery, point) : ManagedRecover(digest, signature, recovery, point);

    private static int ManagedSign(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> key, Span<byte> signature)
    {
        using var k = ECPrivKey.Create(key);
        if (!k.TrySignRecoverable(digest, out var sig) || sig is null)
        {
            throw new InvalidOperationException("secp256k1 could not sign the digest");
        }
        sig.WriteToSpanCompact(signature, out var recovery);
        return recovery;
    }

    private static bool ManagedRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, int recovery, Span<byte> point)
    {
        if (!SecpRecoverableECDSASignature.TryCreateFromCompact(signature, recovery, out var sig)
            || !ECPubKey.TryRecover(Context.Instance, sig, digest, out var key) || key is null)
        {
            return false;
        }
        key.WriteToSpan(false, point, out _);
        return true;
    }

    private static int NativeSign(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> key, Span<byte> signature)
    {
        var context = _context ??= new Native();
        Span<byte> sig = stackalloc byte[65];
        if (!context.EcdsaSignRecoverable(sig, digest, key) || !context.EcdsaRecoverableSignatureSerializeCompact(signature, out var recovery, sig))
        {
            throw new InvalidOperationException("secp256k1 could not sign the digest");
        }
        return recovery;
    }

    private static bool NativeRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, int recovery, Span<byte> point)
    {
        var context = _context ??= new Native();
        Span<byte> sig = stackalloc byte[65];
        Span<byte> key = stackalloc byte[64];
        nuint length = 65;
        return context.EcdsaRecoverableSignatureParseCompact(sig, signature, recovery)
            && context.EcdsaRecover(key, sig, digest)
            && context.EcPubkeySerialize(point, ref length, key, Secp256k1Net.Secp256k1EcFlags.Uncompressed);
    }

    /// <summary>Signs and recovers one digest both ways; any failure to load or disagreement means the port.</summary>
    private static bool NativeAgrees()
    {
        try
        {
            var digest = new byte[32];
            var key = new byte[32];
            digest[0] = key[31] = 7;
            Span<byte> managed = stackalloc byte[64];
            Span<byte> native = stackalloc byte[64];
            Span<byte> fromManaged = stackalloc byte[65];
            Span<byte> fromNative = stackalloc byte[65];
            var id = ManagedSign(digest, key, managed);
            return NativeSign(digest, key, native) == id && native.SequenceEqual(managed)
                && ManagedRecover(digest, managed, id, fromManaged) && NativeRecover(digest, managed, id, fromNative)
                && fromNative.SequenceEqual(fromManaged);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            return false;
        }
    }
}
