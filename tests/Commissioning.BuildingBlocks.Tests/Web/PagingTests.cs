using System.Net;
using System.Text.Json;
using Commissioning.BuildingBlocks.Messaging;
using Commissioning.BuildingBlocks.Web;
using Commissioning.TestKit;

namespace Commissioning.BuildingBlocks.Tests.Web;

public sealed class PagingTests
{
    private static readonly JsonSerializerOptions ShoutingSnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseUpper };
    private TestDatabase _database = null!;
    private WebTestApp _app = null!;

    [OneTimeSetUp]
    public async Task StartApp()
    {
        _database = await WebTestDatabase.CreateAsync();
        _app = await WebTestApp.StartAsync(_database);
    }

    [OneTimeTearDown]
    public async Task StopApp()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Without_paging_values_a_list_is_the_first_page_of_50_with_exactly_items_page_pageSize_and_total()
    {
        var body = await GetListAsync("/api/numbers");

        Assert.Multiple(() =>
        {
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "items", "page", "pageSize", "total" }));
            Assert.That(Items(body), Is.EqualTo(Enumerable.Range(1, 50)));
            Assert.That(body.GetProperty("page").GetInt32(), Is.EqualTo(1));
            Assert.That(body.GetProperty("pageSize").GetInt32(), Is.EqualTo(50));
            Assert.That(body.GetProperty("total").GetInt64(), Is.EqualTo(123));
        });
    }

    [TestCase("?page=3&pageSize=50", 101, 23)]
    [TestCase("?page=2&pageSize=200", 0, 0)]
    [TestCase("?pageSize=200", 1, 123)]
    [TestCase("?PAGE=2&PAGESIZE=10", 11, 10)]
    [TestCase("?page=013&pageSize=1", 13, 1)]
    [TestCase("?page=2147483647&pageSize=200", 0, 0)]
    public async Task Good_values_bind_and_select_the_page(string query, int first, int count)
    {
        var body = await GetListAsync("/api/numbers" + query);

        Assert.Multiple(() =>
        {
            Assert.That(Items(body), Is.EqualTo(Enumerable.Range(first, count)));
            Assert.That(body.GetProperty("total").GetInt64(), Is.EqualTo(123), "the total is the whole list's on every page");
        });
    }

    [TestCase("?page=0", "page", PageRequest.PageMessage)]
    [TestCase("?page=-1", "page", PageRequest.PageMessage)]
    [TestCase("?page=abc", "page", PageRequest.PageMessage)]
    [TestCase("?page=1.5", "page", PageRequest.PageMessage)]
    [TestCase("?page=", "page", PageRequest.PageMessage)]
    [TestCase("?page=+2", "page", PageRequest.PageMessage)]
    [TestCase("?page=99999999999", "page", PageRequest.PageMessage)]
    [TestCase("?page=1&page=2", "page", "Give page once; it was given 2 times.")]
    [TestCase("?pageSize=0", "pageSize", PageRequest.PageSizeMessage)]
    [TestCase("?pageSize=201", "pageSize", PageRequest.PageSizeMessage)]
    [TestCase("?pageSize=fifty", "pageSize", PageRequest.PageSizeMessage)]
    public async Task A_wrong_value_is_refused_with_400_naming_the_field_in_plain_English(string query, string field, string message)
    {
        using var response = await _app.Client.GetAsync(new Uri("/api/numbers" + query, UriKind.Relative));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var errors = problem.RootElement.GetProperty("errors");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(errors.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { field }));
            Assert.That(errors.GetProperty(field).EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { message }));
        });
    }

    [Test]
    public async Task Both_wrong_fields_are_reported_together()
    {
        using var response = await _app.Client.GetAsync(new Uri("/api/numbers?page=0&pageSize=500", UriKind.Relative));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "page", "pageSize" }));
    }

    [Test]
    public void The_page_size_message_is_the_plain_English_one_callers_see() =>
        Assert.That(PageRequest.PageSizeMessage, Is.EqualTo("Page size must be a whole number from 1 to 200."));

    [Test]
    public void A_page_request_knows_its_offset_even_past_the_range_of_an_int()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new PageRequest().Offset, Is.Zero);
            Assert.That(new PageRequest(3, 25).Offset, Is.EqualTo(50));
            Assert.That(new PageRequest(int.MaxValue, 200).Offset, Is.EqualTo((int.MaxValue - 1L) * 200));
        });
    }

    [Test]
    public void A_page_request_made_in_code_is_checked_like_one_from_the_query_string()
    {
        var error = Assert.Throws<RequestValidationException>(() => _ = new PageRequest(0, 201));

        Assert.That(error!.Errors.Keys, Is.EquivalentTo(new[] { "page", "pageSize" }));
    }

    [Test]
    public void A_page_serialises_with_exactly_the_four_names_of_the_contract_whatever_the_naming_policy()
    {
        var page = new Paged<string>(new PageRequest(2, 10), ["a"], 11);

        var json = JsonSerializer.Serialize(page, ShoutingSnakeCase);

        Assert.That(json, Is.EqualTo("""{"items":["a"],"page":2,"pageSize":10,"total":11}"""));
    }

    private async Task<JsonElement> GetListAsync(string path)
    {
        using var response = await _app.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static List<int> Items(JsonElement body) => body.GetProperty("items").EnumerateArray().Select(i => i.GetInt32()).ToList();
}
