namespace PharmaRag.Core.Configuration;

/// <summary>
/// Enforces one writer per data directory (the original assumed it and never checked): an
/// exclusive lock on a file that the operating system releases when the process dies.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, ".lock");
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            using (var writer = new StreamWriter(file, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }
            file.Flush();
            return new DataDirectoryLock(file);
        }
        catch (IOException ex)
        {
            var holder = TryReadHolder(path);
            throw new DataDirectoryInUseException(
                $"The data directory {dataDirectory} is in use by another PharmaRag process{holder}. " +
                "Stop it, or send work to it over HTTP, or choose another directory with --data.", ex);
        }
    }

    private static string TryReadHolder(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var pid = reader.ReadToEnd().Trim();
            return pid.Length > 0 ? $" (pid {pid})" : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose() => _file.Dispose();
}
