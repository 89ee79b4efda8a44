using PharmaRag.Server.Access;

namespace PharmaRag.Server.Tests;

/// <summary>Authentication is required on any non-loopback address, whatever the setting says.</summary>
public sealed class AccessModeTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8000", false)]
    [InlineData("http://localhost:8000", false)]
    [InlineData("http://[::1]:8000;http://127.0.0.2:9000", false)]
    [InlineData("http://0.0.0.0:8000", true)]
    [InlineData("http://*:8000", true)]
    [InlineData("http://+:8000", true)]
    [InlineData("http://[::]:8000", true)]
    [InlineData("http://10.0.0.5:8000", true)]
    [InlineData("http://127.0.0.1:8000;http://0.0.0.0:8001", true)]
    [InlineData("http://rag.example.internal:8000", true)]
    public void Auto_mode_requires_authentication_exactly_off_loopback(string urls, bool required)
    {
        var mode = AccessMode.For(urls, new AuthOptions());

        Assert.Equal(required, mode.Required);
        Assert.True(AccessMode.For(urls, new AuthOptions { Mode = AuthOptions.Required }).Required);
    }
}
