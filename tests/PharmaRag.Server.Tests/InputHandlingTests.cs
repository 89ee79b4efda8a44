using System.Net;
using System.Text;
using PharmaRag.Testing;

namespace PharmaRag.Server.Tests;

/// <summary>
/// Every kind of bad request gets a problem detail that names what is wrong and where, in our own
/// words: file names, numeric parameters, JSON bodies, body sizes, and the host of upload URLs.
/// </summary>
public sealed class InputHandlingTests
{
    public static TheoryData<string, string> RefusedNames() => new()
    {
        { ".pdf", "must not start with a dot" },
        { "con.pdf", "'con' is a reserved device name" },
        { "LPT1.pdf", "'LPT1' is a reserved device name" },
        { "bell\u0007.pdf", "control characters" },
        { "../../etc/passwd.pdf", "no folders, path separators or '..'" },
        { "..\\secret.pdf", "no folders, path separators or '..'" },
        { "a..pdf", "no folders, path separators or '..'" },
        { "label.pdf ", "must not start or end with a space" },
        { "what?.pdf", "must not contain any of" },
    };

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public async Task Unsafe_file_names_are_refused_with_a_reason(string name, string reason)
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var response = await server.Client.GetAsync($"/presigned-url?filename={Uri.EscapeDataString(name)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains(reason, (string)problem["errors"]!["filename"]![0]!);
    }

    [Fact]
    public async Task A_key_outside_the_uploads_is_refused_by_process()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var response = await server.Client.PostAsync("/process", Json("""{"key": "uploads/../../secret.pdf"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'..' segment", (string)(await response.JsonAsync())["errors"]!["key"]![0]!);
    }

    public static TheoryData<string, string, string> NumericParameters() => new()
    {
        { "/graph/entities?search=warfarin&limit=0", "limit", "limit must be between 1 and 200." },
        { "/graph/entities?search=warfarin&limit=5000", "limit", "limit must be between 1 and 200." },
        { "/graph?label=warfarin&depth=9", "depth", "depth must be between 0 and 4." },
        { "/graph?label=warfarin&max_nodes=0", "max_nodes", "max_nodes must be between 1 and 500." },
        { "/graph/entities/abc/chunks?limit=101", "limit", "limit must be between 1 and 100." },
    };

    [Theory]
    [MemberData(nameof(NumericParameters))]
    public async Task Numeric_parameters_out_of_range_are_refused_never_clamped(string url, string parameter, string message)
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var response = await server.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (string)(await response.JsonAsync())["errors"]![parameter]![0]!);
    }

    [Fact]
    public async Task A_numeric_parameter_that_is_not_a_number_is_named_in_the_problem()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var response = await server.Client.GetAsync("/graph/entities?search=warfarin&limit=ten");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("The parameter limit has a value of the wrong type: it must be a whole number.", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Malformed_json_is_answered_with_where_it_broke_and_no_exception_text()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var response = await server.Client.PostAsync("/search", Json("{\n  \"query\": \"warfarin\",\n  \"top_k\": ,\n}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("Malformed JSON", (string)problem["title"]!);
        Assert.StartsWith("The JSON body cannot be read at line 3, position 12, path $.top_k", (string)problem["detail"]!);
        Assert.DoesNotContain("Exception", problem.ToJsonString());
        Assert.DoesNotContain("is an invalid start of a value", problem.ToJsonString());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_in_json_names_its_path()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var response = await server.Client.PostAsync("/search", Json("""{"query": "warfarin", "top_k": "ten"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("path $.top_k", (string)(await response.JsonAsync())["detail"]!);
    }

    [Fact]
    public async Task Json_nested_too_deeply_is_refused_with_the_depth_limit()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        var nested = "{\"query\": \"warfarin\", \"filters\": " + string.Concat(Enumerable.Repeat("{\"a\": ", 200)) + "1" + new string('}', 200) + "}";

        var response = await server.Client.PostAsync("/search", Json(nested));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.StartsWith("The JSON body is nested deeper than 64 levels (at line 1", (string)problem["detail"]!);
    }

    [Fact]
    public async Task A_json_body_over_the_route_limit_is_refused_with_413_naming_the_limit()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, "--PharmaRag:Limits:MaxRequestBytes=65536");
        var large = "{\"query\": \"" + new string('a', 100_000) + "\"}";

        var response = await server.Client.PostAsync("/search", Json(large));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The request body is larger than the 65536 bytes this route accepts.", (string)(await response.JsonAsync())["detail"]!);
        // The multimodal routes carry images and have their own, larger limit.
        var multimodal = await server.Client.PostAsync("/query/multimodal",
            Json("{\"query\": \"warfarin dose\", \"multimodal_content\": [{\"type\": \"equation\", \"latex\": \"" + new string('x', 100_000) + "\"}]}"));
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, multimodal.StatusCode);
    }

    [Fact]
    public async Task Upload_urls_never_take_their_host_from_an_untrusted_host_header()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var forged = await SendWithHostAsync(server.Client, "attacker.example");
        var loopback = await SendWithHostAsync(server.Client, server.Client.BaseAddress!.Authority);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("PharmaRag:Uploads:PublicBaseUrl", (string)(await forged.JsonAsync())["detail"]!);
        Assert.Equal(HttpStatusCode.OK, loopback.StatusCode);
        Assert.StartsWith(server.Client.BaseAddress.ToString().TrimEnd('/') + "/objects/", (string)(await loopback.JsonAsync())["url"]!);
    }

    [Fact]
    public async Task Upload_urls_use_the_public_base_url_or_a_host_that_host_filtering_allows()
    {
        using var data = new TempDirectory();
        await using (var configured = await InProcessServer.StartAsync(data.Path, "--PharmaRag:Uploads:PublicBaseUrl=https://rag.example.org"))
        {
            var response = await SendWithHostAsync(configured.Client, "attacker.example");
            Assert.StartsWith("https://rag.example.org/objects/uploads/label.pdf?", (string)(await response.JsonAsync())["url"]!);
        }
        await using var filtered = await InProcessServer.StartAsync(data.Path, "--AllowedHosts=rag.internal");
        Assert.Equal(HttpStatusCode.BadRequest, (await SendWithHostAsync(filtered.Client, "attacker.example")).StatusCode);
        var allowed = await SendWithHostAsync(filtered.Client, "rag.internal");
        Assert.StartsWith("http://rag.internal/objects/uploads/label.pdf?", (string)(await allowed.JsonAsync())["url"]!);
    }

    private static async Task<HttpResponseMessage> SendWithHostAsync(HttpClient client, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/presigned-url?filename=label.pdf");
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
