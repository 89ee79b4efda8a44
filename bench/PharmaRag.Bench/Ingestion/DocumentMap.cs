namespace PharmaRag.Bench.Ingestion;

/// <summary>
/// Between dataset document ids and the store's document ids. The store names a document by the
/// SHA-256 of its bytes, so two dataset documents with identical content are one stored document.
/// </summary>
public sealed class DocumentMap
{
    private readonly Dictionary<string, string> _storeIdByDatasetId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _datasetIdsByStoreId = new(StringComparer.Ordinal);

    public int Count => _storeIdByDatasetId.Count;

    public void Add(string datasetId, string storeId)
    {
        _storeIdByDatasetId[datasetId] = storeId;
        if (!_datasetIdsByStoreId.TryGetValue(storeId, out var ids))
        {
            _datasetIdsByStoreId[storeId] = ids = [];
        }
        ids.Add(datasetId);
    }

    public string? StoreIdOf(string datasetId) => _storeIdByDatasetId.GetValueOrDefault(datasetId);

    public IReadOnlyList<string> DatasetIdsOf(string storeId) =>
        _datasetIdsByStoreId.TryGetValue(storeId, out var ids) ? ids : [];
}
