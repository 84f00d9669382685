using System.Numerics;
using CsCheck;
using Nethereum.ABI.EIP712;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Restake.Node.Signing;

namespace Restake.Node.Tests;

/// <summary>
/// The node's hand-assembled EIP-712 encoding and its libsecp256k1 curve work, held against
/// Nethereum's general typed-data encoder and signer on random transactions.
/// </summary>
public class SigningOracleTests
{
    [Struct("Transaction")]
    public sealed class TransactionMessage
    {
        [Parameter("address", "from", 1)]
        public string From { get; set; } = "";

        [Parameter("uint256", "nonce", 2)]
        public BigInteger Nonce { get; set; }

        [Parameter("string", "verb", 3)]
        public string Verb { get; set; } = "";

        [Parameter("string", "body", 4)]
        public string Body { get; set; } = "";
    }

    private static readonly Dictionary<string, MemberDescription[]> Types =
        MemberDescriptionFactory.GetTypesMemberDescription(typeof(DomainWithNameVersionAndChainId), typeof(TransactionMessage));

    private static (TransactionMessage, TypedData<DomainWithNameVersionAndChainId>) Oracle(TransactionPayload p) => (
        new TransactionMessage { From = EthAddress.Normalize(p.From), Nonce = p.Nonce, Verb = p.Verb, Body = p.Body },
        new TypedData<DomainWithNameVersionAndChainId>
        {
            Domain = new DomainWithNameVersionAndChainId { Name = "Restake", Version = "1", ChainId = p.ChainId },
            Types = Types,
            PrimaryType = "Transaction",
        });

    [Fact]
    public void The_bundled_libsecp256k1_loads_and_agrees_with_the_managed_port()
    {
        Assert.True(Curve.UseNative, "libsecp256k1 did not load (or disagreed with NBitcoin's port): the node falls back to the port, about 7x slower per transaction");
        Assert.Equal("libsecp256k1", TransactionSigning.CurveImplementation);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Digest_signature_and_signer_equal_nethereums_on_random_transactions(bool native)
    {
        var before = Curve.UseNative;
        Curve.UseNative = native && before;
        try
        {
            Compare();
        }
        finally
        {
            Curve.UseNative = before;
        }
    }

    private static void Compare()
    {
        var accounts = DevAccounts.Derive(DevAccounts.DefaultMnemonic, 5);
        var text = Gen.String[Gen.Char.AlphaNumeric, 0, 40].Select(Gen.String[Gen.Char, 0, 8], (a, b) => a + b);
        Gen.Select(Gen.Int[0, 4], Gen.Long[0, long.MaxValue], Gen.ULong, text, text).Sample((account, chainId, nonce, verb, body) =>
        {
            var key = accounts[account];
            var payload = new TransactionPayload(chainId, key.Address, nonce, verb, body);
            var (message, typed) = Oracle(payload);
            Assert.Equal(Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(message, typed), TransactionSigning.Digest(payload));
            var signature = TransactionSigning.Sign(payload, key.PrivateKey);
            Assert.Equal(Eip712TypedDataSigner.Current.SignTypedDataV4(message, typed, new EthECKey(key.PrivateKey)), signature);
            Assert.True(TransactionSigning.TryRecover(payload, signature, out var signer, out var error), error);
            Assert.Equal(EthAddress.Normalize(key.Address), signer);
        }, iter: 200);
    }
}
