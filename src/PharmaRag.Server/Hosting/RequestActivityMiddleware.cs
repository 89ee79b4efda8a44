using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace PharmaRag.Server.Hosting;

/// <summary>Counts every request except health checks as activity of this server.</summary>
public static class RequestActivityMiddleware
{
    public static WebApplication UseRequestActivity(this WebApplication app)
    {
        var activity = app.Services.GetRequiredService<RequestActivity>();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/health"))
            {
                await next(context);
                return;
            }
            using var _ = activity.Begin();
            await next(context);
        });
        return app;
    }
}
