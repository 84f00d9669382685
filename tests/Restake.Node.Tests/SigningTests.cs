using System.Numerics;
using System.Text;
using Nethereum.ABI.EIP712;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Nethereum.Util;
using Restake.Node.Signing;

namespace Restake.Node.Tests;

/// <summary>Known-answer checks for the signing layer: EIP-712 against the spec, dev accounts against anvil/hardhat, key files round-trip.</summary>
public class SigningTests
{
    private static readonly TransactionPayload Fixed = new(
        ChainId: 31337,
        From: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        Nonce: 7,
        Verb: "stake",
        Body: """{"operator":"op-1","amount":"1000000000000000000"}""");

    private const string Key0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string Address0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    // The EIP-712 specification's example types, declared the same way TransactionSigning declares its own.
    [Struct("Person")]
    public sealed class Person
    {
        [Parameter("string", "name", 1)]
        public string Name { get; set; } = "";

        [Parameter("address", "wallet", 2)]
        public string Wallet { get; set; } = "";
    }

    [Struct("Mail")]
    public sealed class Mail
    {
        [Parameter("tuple", "from", 1, "Person")]
        public Person From { get; set; } = new();

        [Parameter("tuple", "to", 2, "Person")]
        public Person To { get; set; } = new();

        [Parameter("string", "contents", 3)]
        public string Contents { get; set; } = "";
    }

    [Fact]
    public void eip712_spec_ether_mail_example_matches_digest_and_signature()
    {
        var typedData = new TypedData<Domain>
        {
            Domain = new Domain
            {
                Name = "Ether Mail",
                Version = "1",
                ChainId = 1,
                VerifyingContract = "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC",
            },
            Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Domain), typeof(Mail), typeof(Person)),
            PrimaryType = "Mail",
        };
        var mail = new Mail
        {
            From = new Person { Name = "Cow", Wallet = "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            To = new Person { Name = "Bob", Wallet = "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            Contents = "Hello, Bob!",
        };

        // Same calls as TransactionSigning.Digest and TransactionSigning.Sign.
        var digest = Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(mail, typedData);
        Assert.Equal("be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", Convert.ToHexStringLower(digest));

        var cowKey = Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes("cow"));
        var signature = Eip712TypedDataSigner.Current.SignTypedDataV4(mail, typedData, new EthECKey(cowKey, true));
        Assert.Equal(
            "0x" +
            "4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d" +
            "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562" +
            "1c",
            signature);

        // The cow key's address is the spec's "from" wallet.
        Assert.Equal("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826", EthAddress.FromPrivateKey(Convert.ToHexString(cowKey)));
    }

    [Fact]
    public void transaction_digest_equals_hand_assembled_eip712_encoding()
    {
        static byte[] Keccak(byte[] data) => Sha3Keccack.Current.CalculateHash(data);
        static byte[] KeccakText(string text) => Keccak(Encoding.UTF8.GetBytes(text));
        static byte[] Word(BigInteger value)
        {
            var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
            var word = new byte[32];
            bytes.CopyTo(word, 32 - bytes.Length);
            return word;
        }
        static byte[] AddressWord(string address)
        {
            var word = new byte[32];
            Convert.FromHexString(address[2..]).CopyTo(word, 12);
            return word;
        }

        var domainSeparator = Keccak([
            .. KeccakText("EIP712Domain(string name,string version,uint256 chainId)"),
            .. KeccakText("Restake"),
            .. KeccakText("1"),
            .. Word(Fixed.ChainId),
        ]);
        var hashStruct = Keccak([
            .. KeccakText("Transaction(address from,uint256 nonce,string verb,string body)"),
            .. AddressWord(Fixed.From),
            .. Word(Fixed.Nonce),
            .. KeccakText(Fixed.Verb),
            .. KeccakText(Fixed.Body),
        ]);
        var expected = Keccak([0x19, 0x01, .. domainSeparator, .. hashStruct]);

        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(TransactionSigning.Digest(Fixed)));
        Assert.Equal("Restake", TransactionSigning.DomainName);
        Assert.Equal("1", TransactionSigning.DomainVersion);

        // The address's letter case is not part of what is signed.
        Assert.Equal(TransactionSigning.Digest(Fixed), TransactionSigning.Digest(Fixed with { From = Fixed.From.ToLowerInvariant() }));
    }

    [Fact]
    public void sign_then_recover_round_trips_and_any_changed_field_changes_the_signer()
    {
        var signature = TransactionSigning.Sign(Fixed, Key0);
        Assert.Matches("^0x[0-9a-f]{130}$", signature);
        Assert.Contains(signature[^2..], new[] { "1b", "1c" });

        Assert.True(TransactionSigning.TryRecover(Fixed, signature, out var signer, out var error), error);
        Assert.Null(error);
        Assert.Equal(Address0, signer);
        Assert.Equal(Address0, EthAddress.FromPrivateKey(Key0));

        // A wallet signing the same digest (eth_signTypedData_v4) produces a signature we accept.
        var viaDigest = EthECDSASignature.CreateStringSignature(new EthECKey(Key0).SignAndCalculateV(TransactionSigning.Digest(Fixed)));
        Assert.Equal(signature, viaDigest);

        var altered = new[]
        {
            Fixed with { ChainId = 1 },
            Fixed with { Nonce = 8 },
            Fixed with { Verb = "unstake" },
            Fixed with { Body = Fixed.Body.Replace("1000", "2000", StringComparison.Ordinal) },
            Fixed with { From = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" },
        };
        foreach (var payload in altered)
        {
            Assert.True(TransactionSigning.TryRecover(payload, signature, out var other, out _));
            Assert.NotEqual(Address0, other);
        }

        var tooShort = signature[..^2];
        var badV = signature[..^2] + "1d";
        foreach (var bad in new[] { "0x", "zz", tooShort, badV, "0x" + new string('0', 128) + "1b", null! })
        {
            Assert.False(TransactionSigning.TryRecover(Fixed, bad, out var none, out var why));
            Assert.Equal("", none);
            Assert.False(string.IsNullOrWhiteSpace(why));
            Assert.DoesNotContain('\n', why);
        }
        Assert.False(TransactionSigning.TryRecover(Fixed, "zz", out _, out var hexError));
        Assert.Contains("hex", hexError, StringComparison.Ordinal);
        Assert.False(TransactionSigning.TryRecover(Fixed, tooShort, out _, out var lengthError));
        Assert.Contains("64", lengthError, StringComparison.Ordinal);
        Assert.False(TransactionSigning.TryRecover(Fixed, badV, out _, out var vError));
        Assert.Contains("29", vError, StringComparison.Ordinal);

        // The malleable twin (n - s, flipped v) recovers the same key, so it is refused rather than accepted as a second encoding.
        var r = signature[2..66];
        var s = BigInteger.Parse("0" + signature[66..130], System.Globalization.NumberStyles.HexNumber);
        var n = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        var highS = Convert.ToHexStringLower((n - s).ToByteArray(isUnsigned: true, isBigEndian: true)).PadLeft(64, '0');
        var twin = "0x" + r + highS + (signature[^2..] == "1b" ? "1c" : "1b");
        Assert.False(TransactionSigning.TryRecover(Fixed, twin, out _, out var twinError));
        Assert.Contains("EIP-2", twinError, StringComparison.Ordinal);

        // A bad payload is bad input too: reported, not thrown.
        Assert.False(TransactionSigning.TryRecover(Fixed with { From = "0x1234" }, signature, out _, out var fromError));
        Assert.NotNull(fromError);
    }

    [Fact]
    public void dev_accounts_from_default_mnemonic_match_anvil_and_hardhat()
    {
        var accounts = DevAccounts.Derive(DevAccounts.DefaultMnemonic, 10);

        Assert.Equal(10, accounts.Count);
        Assert.Equal(new DevAccount(0, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", Key0), accounts[0]);
        Assert.Equal(new DevAccount(1, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"), accounts[1]);
        Assert.Equal(new DevAccount(9, "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720", "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"), accounts[9]);
        foreach (var account in accounts)
        {
            Assert.Equal(EthAddress.Normalize(account.Address), EthAddress.FromPrivateKey(account.PrivateKey));
            Assert.Equal(account.Address, EthAddress.Checksummed(account.Address.ToLowerInvariant()));
        }

        Assert.Throws<ArgumentException>(() => DevAccounts.Derive("test test test test test test test test test test test test", 1));
    }

    [Fact]
    public void eth_address_recognises_and_normalises()
    {
        Assert.True(EthAddress.IsAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
        Assert.True(EthAddress.IsAddress("0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266"));
        Assert.False(EthAddress.IsAddress("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
        Assert.False(EthAddress.IsAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226"));
        Assert.False(EthAddress.IsAddress("0xg39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
        Assert.False(EthAddress.IsAddress(null!));
        Assert.Equal(Address0, EthAddress.Normalize("0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266"));
        Assert.Throws<ArgumentException>(() => EthAddress.Normalize("0x1234"));
        Assert.Throws<ArgumentException>(() => EthAddress.FromPrivateKey("0x" + new string('0', 64)));
    }

    [Fact]
    public void key_files_load_keystores_and_plain_keys_and_name_each_failure()
    {
        var dir = Directory.CreateTempSubdirectory("restake-keys-");
        try
        {
            var keystore = Path.Combine(dir.FullName, "key.json");
            KeyFiles.SaveKeystore(keystore, Key0, "correct horse");
            Assert.Contains("\"scrypt\"", File.ReadAllText(keystore), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keystore));
            }

            Assert.True(KeyFiles.TryLoad(keystore, "correct horse", out var loaded, out var error), error);
            Assert.Equal(Key0, loaded);

            var messages = new List<string>();

            Assert.False(KeyFiles.TryLoad(keystore, "battery staple", out var none, out var wrongPassword));
            Assert.Equal("", none);
            Assert.Contains("wrong password", wrongPassword, StringComparison.Ordinal);
            messages.Add(wrongPassword!);

            Assert.False(KeyFiles.TryLoad(keystore, null, out _, out var noPassword));
            Assert.Contains("password", noPassword, StringComparison.Ordinal);

            Assert.False(KeyFiles.TryLoad(Path.Combine(dir.FullName, "absent.json"), "x", out _, out var missing));
            Assert.Contains("not found", missing, StringComparison.Ordinal);
            messages.Add(missing!);

            var garbled = Path.Combine(dir.FullName, "garbled.txt");
            File.WriteAllText(garbled, "this is not a key\n");
            Assert.False(KeyFiles.TryLoad(garbled, null, out _, out var garbledError));
            Assert.Contains("garbled", garbledError, StringComparison.Ordinal);
            messages.Add(garbledError!);

            var truncated = Path.Combine(dir.FullName, "truncated.json");
            File.WriteAllText(truncated, File.ReadAllText(keystore)[..40]);
            Assert.False(KeyFiles.TryLoad(truncated, "correct horse", out _, out var truncatedError));
            Assert.Contains("not a valid keystore", truncatedError, StringComparison.Ordinal);
            messages.Add(truncatedError!);

            Assert.Equal(messages.Count, messages.Distinct().Count());
            Assert.All(messages, m => Assert.DoesNotContain(Key0[2..], m, StringComparison.OrdinalIgnoreCase));

            var plain = Path.Combine(dir.FullName, "key.txt");
            File.WriteAllText(plain, "  \n" + Key0.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal) + "\r\n\t ");
            Assert.True(KeyFiles.TryLoad(plain, null, out var plainKey, out var plainError), plainError);
            Assert.Equal(Key0, plainKey);

            var shortKey = Path.Combine(dir.FullName, "short.txt");
            File.WriteAllText(shortKey, Key0[..^2]);
            Assert.False(KeyFiles.TryLoad(shortKey, null, out _, out var shortError));
            Assert.Contains("32 bytes", shortError, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
