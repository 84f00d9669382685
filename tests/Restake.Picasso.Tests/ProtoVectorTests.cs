using System.Text.Json;
using Restake.Picasso;

namespace Restake.Picasso.Tests;

/// <summary>cf-guest protobuf encodings against upstream's insta snapshots (tests/data/picasso/README.md).</summary>
public class ProtoVectorTests
{
    private static readonly JsonElement V = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "picasso", "cf-guest-proto-vectors.json"))).RootElement;

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    // Upstream test_header: zero genesis hash, ten 1-bytes as the header, ten 2-bytes as the epoch, no signatures.
    private static byte[] TestHeader() => CfGuestProto.EncodeHeader(new byte[32], [.. Enumerable.Repeat((byte)1, 10)], [.. Enumerable.Repeat((byte)2, 10)], []);

    [Fact]
    public void Client_state_matches_upstream()
    {
        var s = new ClientStateMessage(CryptoHash.Test(24), 8, 30UL * 24 * 3600 * 1_000_000_000, CryptoHash.Test(11), CryptoHash.Test(12), false);
        Assert.Equal(V.GetProperty("client_state").GetString(), Hex(CfGuestProto.Encode(s)));
    }

    [Fact]
    public void Consensus_state_matches_upstream() =>
        Assert.Equal(V.GetProperty("consensus_state").GetString(), Hex(CfGuestProto.Encode(new ConsensusState(CryptoHash.Test(42), 1))));

    [Fact]
    public void Header_signature_misbehaviour_and_client_message_match_upstream()
    {
        Assert.Equal(V.GetProperty("header").GetString(), Hex(TestHeader()));
        Assert.Equal(V.GetProperty("signature").GetString(), Hex(CfGuestProto.EncodeSignature(1, new byte[64])));
        Assert.Equal(V.GetProperty("misbehaviour").GetString(), Hex(CfGuestProto.EncodeMisbehaviour(TestHeader(), TestHeader())));
        Assert.Equal(V.GetProperty("client_message").GetString(), Hex(CfGuestProto.ClientMessageOfHeader(TestHeader())));
    }

    [Fact]
    public void A_live_client_state_leaves_out_an_unchanged_previous_epoch()
    {
        var genesis = Block.Genesis(0, 42, 24, CryptoHash.Test(66), Epoch.Create([new Validator(SigningKey.FromName("a").PubKey, 10)], 6)!);
        var client = new CfGuestClient(genesis.Header, 1000);
        var bytes = CfGuestProto.Encode(CfGuestProto.ClientStateOf(client));
        // 1: genesis (2 + 32), 3: trusting period 1000 (1 + 2), 4: epoch (2 + 32); no height 0, no field 6, not frozen.
        Assert.Equal(34 + 3 + 34, bytes.Length);
        Assert.Equal(genesis.Header.Hash.Hex, Hex(bytes[2..34]));
    }
}
