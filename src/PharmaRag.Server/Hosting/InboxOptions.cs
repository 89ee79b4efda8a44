using System.ComponentModel.DataAnnotations;

namespace PharmaRag.Server.Hosting;

/// <summary>How often the server looks for work queued by gateway instances (section PharmaRag:Inbox).</summary>
public sealed class InboxOptions
{
    public const string Section = "PharmaRag:Inbox";

    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 2;
}
