using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
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
