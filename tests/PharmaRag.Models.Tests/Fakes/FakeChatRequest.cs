namespace PharmaRag.Models.Tests.Fakes;

/// <summary>A chat completion request as the fake server received it.</summary>
public sealed record FakeChatRequest(string Model, bool Stream, IReadOnlyList<FakeMessage> Messages)
{
    public string System => string.Join("\n", Messages.Where(m => m.Role is "system" or "developer").Select(m => m.Text));

    public string LastUser => Messages.Last(m => m.Role == "user").Text;

    public string AllText => string.Join("\n", Messages.Select(m => m.Text));
}

/// <summary>One message: its role, its text parts joined, and the URLs of its image parts.</summary>
public sealed record FakeMessage(string Role, string Text, IReadOnlyList<string> ImageUrls);
