using System.Globalization;

namespace PharmaRag.Gateway.Hosting;

/// <summary>Reads durations such as "5s", "10m", "1h", "300" (seconds) or "00:05:00".</summary>
public static class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim();
        var unit = char.ToLowerInvariant(text[^1]);
        var multiplier = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        var number = multiplier == 0 ? text : text[..^1];
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            duration = TimeSpan.FromSeconds(value * (multiplier == 0 ? 1 : multiplier));
            return true;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }
}
