using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PharmaRag.Server.Hosting;

/// <summary>What every PharmaRag HTTP application shares: snake_case JSON, problem details, OpenAPI.</summary>
public static class ApiConventions
{
    /// <summary>A web host with the configuration sources of <see cref="PharmaRagHost"/>.</summary>
    public static WebApplicationBuilder CreateBuilder(string urls, string[] configurationArgs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(urls);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.MaxDepth = BadRequestProblems.MaxJsonDepth;
        });
        builder.Services.AddProblemDetails();
        // Unreadable requests are thrown, so that BadRequestProblems can say what and where.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        builder.Services.AddOpenApi();
        builder.Services.AddWebPage();
        return builder;
    }

    /// <summary>Errors as problem details (exceptions and empty error responses alike), and the OpenAPI document.</summary>
    public static WebApplication UseApiConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        return app;
    }
}
