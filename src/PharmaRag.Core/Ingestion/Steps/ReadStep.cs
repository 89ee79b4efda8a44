using PharmaRag.Core.Documents;
using PharmaRag.Core.Storage;

namespace PharmaRag.Core.Ingestion.Steps;

/// <summary>Reads the object and checks that its bytes are still this document's.</summary>
public sealed class ReadStep(IObjectStore objects) : IIngestionStep
{
    public string Name => IngestionSteps.Reading;

    public async Task<StepResult> RunAsync(IngestionContext context, CancellationToken cancellationToken)
    {
        var document = context.Document;
        if (!await objects.ExistsAsync(document.Key, cancellationToken))
        {
            return StepResult.Fatal($"The object '{document.Key}' no longer exists in the object store.");
        }
        var buffer = new MemoryStream();
        await using (var source = await objects.OpenReadAsync(document.Key, cancellationToken))
        {
            await source.CopyToAsync(buffer, cancellationToken);
        }
        buffer.Position = 0;
        if (await DocumentId.ComputeAsync(buffer, cancellationToken) != document.Id)
        {
            return StepResult.Fatal($"The object '{document.Key}' was replaced by a newer upload before this version was processed.");
        }
        buffer.Position = 0;
        context.Content = buffer;
        return StepResult.Success;
    }
}
