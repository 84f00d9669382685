using System.Text.Json.Nodes;
using Restake.Node.Client;

namespace Restake.Node.Tests.Api;

/// <summary>The client's reading of an answer: a problem document, or anything else a server or a proxy may send.</summary>
public class NodeAnswerTests
{
    [Fact]
    public void An_answer_that_is_not_a_problem_document_reads_without_throwing()
    {
        var page = new NodeAnswer(502, JsonValue.Create("<html>Bad Gateway</html>"));
        Assert.Null(page.Error);
        Assert.Equal("<html>Bad Gateway</html>", page.Detail);
        var odd = new NodeAnswer(400, new JsonObject { ["title"] = 7, ["detail"] = new JsonArray() });
        Assert.Null(odd.Error);
        Assert.Null(odd.Detail);
        Assert.Null(new NodeAnswer(400, null).Error);
        Assert.Equal("NonceTooLow", new NodeAnswer(409, new JsonObject { ["title"] = "NonceTooLow", ["detail"] = "at nonce 2" }).Error);
    }
}
