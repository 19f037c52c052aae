using System.Text.Json;
using Commissioning.TestKit;

namespace Commissioning.BuildingBlocks.Tests.Web;

public sealed class OpenApiConventionsTests
{
    [Test]
    public async Task The_OpenAPI_document_describes_page_and_pageSize_on_lists_and_the_Idempotency_Key_header_on_POST()
    {
        await using var database = await WebTestDatabase.CreateAsync();
        await using var app = await WebTestApp.StartAsync(database);

        using var document = JsonDocument.Parse(await app.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = document.RootElement.GetProperty("paths");
        var list = Parameters(paths.GetProperty("/api/numbers").GetProperty("get"));
        var post = Parameters(paths.GetProperty("/api/things").GetProperty("post"));
        Assert.Multiple(() =>
        {
            Assert.That(list.Select(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString())),
                Is.EqualTo(new[] { ("page", "query"), ("pageSize", "query") }));
            Assert.That(list[1].GetProperty("schema").GetProperty("maximum").GetInt32(), Is.EqualTo(200));
            Assert.That(list[1].GetProperty("schema").GetProperty("default").GetInt32(), Is.EqualTo(50));
            Assert.That(post.Select(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString())),
                Is.EqualTo(new[] { ("Idempotency-Key", "header") }));
            Assert.That(post[0].GetProperty("schema").GetProperty("maxLength").GetInt32(), Is.EqualTo(255));
        });
    }

    private static List<JsonElement> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters) ? [.. parameters.EnumerateArray()] : [];
}
