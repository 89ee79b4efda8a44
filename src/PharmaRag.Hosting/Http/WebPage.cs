using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace PharmaRag.Server.Hosting;

/// <summary>
/// The web page at "/": static files from the wwwroot folder built beside the assemblies (our
/// ES modules and the vendored libraries), served by the server and by the gateway alike.
/// </summary>
public static class WebPage
{
    /// <summary>Only our own origin: no CDN, no inline script; pdf.js runs its worker from /vendor.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static string Root => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Compression for the page's own files (the PDF worker alone is 1.2 MB); API responses are left as they are.</summary>
    public static IServiceCollection AddWebPage(this IServiceCollection services) =>
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true; // static files only: no secret is mixed with what an attacker controls
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "text/css", "text/javascript", "text/markdown", "text/plain"];
        })
        .Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal)
        .Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);

    private static bool IsPageFile(HttpContext context)
    {
        var path = context.Request.Path;
        return (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && (path == "/" || path == "/index.html" || path == "/app.css"
                || path.StartsWithSegments("/js") || path.StartsWithSegments("/vendor"));
    }

    public static WebApplication UseWebPage(this WebApplication app)
    {
        if (!Directory.Exists(Root))
        {
            return app;
        }
        var files = new PhysicalFileProvider(Root);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        types.Mappings[".md"] = "text/markdown; charset=utf-8";
        app.UseWhen(IsPageFile, page => page.UseResponseCompression());
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                // Revalidate (cheap 304s) so a new build's modules are never mixed with an old one's.
                headers.CacheControl = "no-cache";
                if (context.File.Name.EndsWith(".html", StringComparison.Ordinal))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers["Referrer-Policy"] = "no-referrer";
                }
            },
        });
        return app;
    }
}
