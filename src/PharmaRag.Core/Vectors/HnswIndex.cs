using System.Collections.Concurrent;

namespace PharmaRag.Core.Vectors;

/// <summary>
/// Hierarchical navigable small-world graph (Malkov and Yashunin) for approximate nearest
/// neighbours of unit vectors under cosine similarity. Nodes are dense ids 0..Count-1 in
/// insertion order; removal marks a node deleted (it still routes searches, but is never
/// returned). Writes must be serialised by the caller; searches may run concurrently with each
/// other, not with writes.
/// </summary>
public sealed class HnswIndex
{
    private const int FormatVersion = 1;

    private readonly int _m;
    private readonly int _m0;
    private readonly int _efConstruction;
    private readonly double _levelFactor;
    private readonly Random _random;
    private readonly ConcurrentBag<VisitedSet> _visitedPool = new();
    private readonly object _topLock = new();
    private float[] _vectors;
    private int[][][] _links;
    private bool[] _deleted;
    private int _entryPoint = -1;
    private int _maxLevel = -1;

    public HnswIndex(int dimensions, int m = 16, int efConstruction = 128, int seed = 42)
    {
        Dimensions = dimensions;
        _m = m;
        _m0 = 2 * m;
        _efConstruction = efConstruction;
        _levelFactor = 1 / Math.Log(m);
        _random = new Random(seed);
        _vectors = new float[dimensions * 1024];
        _links = new int[1024][][];
        _deleted = new bool[1024];
    }

    public int Dimensions { get; }

    /// <summary>Nodes ever added, deleted ones included.</summary>
    public int Count { get; private set; }

    public int DeletedCount { get; private set; }

    public ReadOnlySpan<float> Vector(int id) => _vectors.AsSpan(id * Dimensions, Dimensions);

    public bool IsDeleted(int id) => _deleted[id];

    /// <summary>Adds a unit vector and returns its id.</summary>
    public int Add(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"Expected {Dimensions} dimensions, got {vector.Length}.", nameof(vector));
        }
        var id = Count;
        EnsureCapacity(id + 1);
        vector.CopyTo(_vectors.AsSpan(id * Dimensions, Dimensions));
        _links[id] = NewLevels(RandomLevel());
        Count++;
        Insert(id, locks: null);
        return id;
    }

    /// <summary>
    /// Adds many unit vectors at once, inserting them on up to <paramref name="threads"/> threads
    /// (every core by default), as hnswlib does: each node's links are replaced under that node's
    /// lock, and a node that raises the top level holds the index-wide lock. Returns the first id;
    /// the others follow in order. Like <see cref="Add"/>, not concurrent with other calls.
    /// </summary>
    public int AddRange(IReadOnlyList<float[]> vectors, int threads = 0)
    {
        if (vectors.Any(v => v.Length != Dimensions))
        {
            throw new ArgumentException($"Every vector must have {Dimensions} dimensions.", nameof(vectors));
        }
        var first = Count;
        EnsureCapacity(first + vectors.Count);
        for (var i = 0; i < vectors.Count; i++)
        {
            vectors[i].CopyTo(_vectors.AsSpan((first + i) * Dimensions, Dimensions));
            _links[first + i] = NewLevels(RandomLevel());
        }
        Count = first + vectors.Count;
        var start = first;
        if (_entryPoint < 0 && vectors.Count > 0)
        {
            Insert(first, locks: null);
            start++;
        }
        var locks = Enumerable.Range(0, Count).Select(_ => new object()).ToArray();
        var parallelism = threads > 0 ? threads : Environment.ProcessorCount;
        Parallel.For(start, Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, id => Insert(id, locks));
        return first;
    }

    private int RandomLevel() => (int)Math.Floor(-Math.Log(1 - _random.NextDouble()) * _levelFactor);

    private static int[][] NewLevels(int level)
    {
        var levels = new int[level + 1][];
        for (var l = 0; l <= level; l++)
        {
            levels[l] = [];
        }
        return levels;
    }

    // Links node id (its vector and empty levels in place) into the graph. With locks, several
    // inserts run at once: link arrays are replaced whole, never changed in place, so a search
    // reading one sees the old or the new array.
    private void Insert(int id, object[]? locks)
    {
        var vector = Vector(id);
        var level = _links[id].Length - 1;
        var topLevel = false;
        if (locks is not null)
        {
            Monitor.Enter(_topLock);
            topLevel = level > _maxLevel;
        }
        // Entry point and top level are read together: another insert may raise them.
        var entry = _entryPoint;
        var maxLevel = _maxLevel;
        if (locks is not null && !topLevel)
        {
            Monitor.Exit(_topLock);
        }
        try
        {
            if (entry < 0)
            {
                _entryPoint = id;
                _maxLevel = level;
                return;
            }
            for (var l = maxLevel; l > level; l--)
            {
                entry = Greedy(vector, entry, l);
            }
            for (var l = Math.Min(level, maxLevel); l >= 0; l--)
            {
                var candidates = SearchLayer(vector, [entry], _efConstruction, l, includeDeleted: true);
                var neighbours = SelectNeighbours(candidates, l == 0 ? _m0 : _m);
                if (locks is null)
                {
                    _links[id][l] = neighbours;
                }
                else
                {
                    // Another insert may have linked to this node already, on a level it reached through a neighbour.
                    lock (locks[id])
                    {
                        _links[id][l] = _links[id][l].Length == 0 ? neighbours : Merge(id, l, neighbours, _links[id][l]);
                    }
                }
                foreach (var neighbour in neighbours)
                {
                    if (locks is null)
                    {
                        Connect(neighbour, id, l);
                        continue;
                    }
                    lock (locks[neighbour])
                    {
                        Connect(neighbour, id, l);
                    }
                }
                entry = candidates[0].Id;
            }
            if (level > _maxLevel)
            {
                _maxLevel = level;
                _entryPoint = id;
            }
        }
        finally
        {
            if (topLevel)
            {
                Monitor.Exit(_topLock);
            }
        }
    }

    public void Remove(int id)
    {
        if (!_deleted[id])
        {
            _deleted[id] = true;
            DeletedCount++;
        }
    }

    /// <summary>The k most similar live nodes, best first; <paramref name="ef"/> trades speed for recall.</summary>
    public IReadOnlyList<(int Id, float Similarity)> Search(ReadOnlySpan<float> query, int k, int ef)
    {
        if (_entryPoint < 0 || k <= 0)
        {
            return [];
        }
        var entry = _entryPoint;
        for (var l = _maxLevel; l > 0; l--)
        {
            entry = Greedy(query, entry, l);
        }
        var found = SearchLayer(query, [entry], Math.Max(ef, k), 0, includeDeleted: false);
        return found.Take(k).Select(c => (c.Id, 1 - c.Distance)).ToArray();
    }

    /// <summary>Exact search over all live nodes, for small sets and for measuring recall.</summary>
    public IReadOnlyList<(int Id, float Similarity)> SearchExact(ReadOnlySpan<float> query, int k, Func<int, bool>? include = null)
    {
        var best = new PriorityQueue<int, float>();
        for (var id = 0; id < Count; id++)
        {
            if (_deleted[id] || (include is not null && !include(id)))
            {
                continue;
            }
            var similarity = VectorMath.Similarity(query, Vector(id));
            if (best.Count < k)
            {
                best.Enqueue(id, similarity);
            }
            else if (best.TryPeek(out _, out var worst) && similarity > worst)
            {
                best.DequeueEnqueue(id, similarity);
            }
        }
        var result = new (int, float)[best.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var id, out var similarity);
            result[i] = (id, similarity);
        }
        return result;
    }

    private readonly record struct Candidate(int Id, float Distance);

    private float Distance(ReadOnlySpan<float> query, int id) => 1 - VectorMath.Similarity(query, Vector(id));

    private int Greedy(ReadOnlySpan<float> query, int entry, int level)
    {
        var best = entry;
        var bestDistance = Distance(query, entry);
        for (var improved = true; improved;)
        {
            improved = false;
            foreach (var neighbour in _links[best][level])
            {
                var distance = Distance(query, neighbour);
                if (distance < bestDistance)
                {
                    best = neighbour;
                    bestDistance = distance;
                    improved = true;
                }
            }
        }
        return best;
    }

    // Best-first search of one layer; returns up to ef candidates sorted nearest first.
    private List<Candidate> SearchLayer(ReadOnlySpan<float> query, int[] entries, int ef, int level, bool includeDeleted)
    {
        var visited = RentVisited();
        try
        {
            var frontier = new PriorityQueue<int, float>();      // nearest first
            var results = new PriorityQueue<int, float>();       // farthest first (negated distance)
            foreach (var entry in entries)
            {
                var distance = Distance(query, entry);
                visited.Mark(entry);
                frontier.Enqueue(entry, distance);
                if (includeDeleted || !_deleted[entry])
                {
                    results.Enqueue(entry, -distance);
                }
            }
            while (frontier.TryDequeue(out var current, out var currentDistance))
            {
                if (results.Count >= ef && results.TryPeek(out _, out var negatedWorst) && currentDistance > -negatedWorst)
                {
                    break;
                }
                foreach (var neighbour in _links[current][level])
                {
                    if (!visited.Mark(neighbour))
                    {
                        continue;
                    }
                    var distance = Distance(query, neighbour);
                    var worst = results.Count > 0 && results.TryPeek(out _, out var w) ? -w : float.MaxValue;
                    if (results.Count < ef || distance < worst)
                    {
                        frontier.Enqueue(neighbour, distance);
                        if (includeDeleted || !_deleted[neighbour])
                        {
                            results.Enqueue(neighbour, -distance);
                            if (results.Count > ef)
                            {
                                results.Dequeue();
                            }
                        }
                    }
                }
            }
            var sorted = new List<Candidate>(results.Count);
            while (results.TryDequeue(out var id, out var negated))
            {
                sorted.Add(new Candidate(id, -negated));
            }
            sorted.Reverse();
            return sorted;
        }
        finally
        {
            _visitedPool.Add(visited);
        }
    }

    // The paper's heuristic: keep a candidate only if it is nearer to the new node than to every
    // neighbour already kept, which spreads links across directions; fill up with the rest.
    private int[] SelectNeighbours(List<Candidate> candidates, int max)
    {
        var kept = new List<Candidate>(max);
        var skipped = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            if (kept.Count == max)
            {
                break;
            }
            var diverse = true;
            foreach (var k in kept)
            {
                if (1 - VectorMath.Similarity(Vector(candidate.Id), Vector(k.Id)) < candidate.Distance)
                {
                    diverse = false;
                    break;
                }
            }
            (diverse ? kept : skipped).Add(candidate);
        }
        foreach (var candidate in skipped)
        {
            if (kept.Count == max)
            {
                break;
            }
            kept.Add(candidate);
        }
        return kept.Select(c => c.Id).ToArray();
    }

    private int[] Merge(int id, int level, int[] chosen, int[] existing)
    {
        var candidates = chosen.Union(existing)
            .Select(n => new Candidate(n, 1 - VectorMath.Similarity(Vector(id), Vector(n))))
            .ToList();
        candidates.Sort((a, b) => a.Distance.CompareTo(b.Distance));
        return SelectNeighbours(candidates, level == 0 ? _m0 : _m);
    }

    private void Connect(int from, int to, int level)
    {
        var max = level == 0 ? _m0 : _m;
        var current = _links[from][level];
        if (current.Length < max)
        {
            _links[from][level] = [.. current, to];
            return;
        }
        var candidates = new List<Candidate>(current.Length + 1);
        foreach (var id in current.Append(to))
        {
            candidates.Add(new Candidate(id, 1 - VectorMath.Similarity(Vector(from), Vector(id))));
        }
        candidates.Sort((a, b) => a.Distance.CompareTo(b.Distance));
        _links[from][level] = SelectNeighbours(candidates, max);
    }

    private void EnsureCapacity(int count)
    {
        if (count <= _links.Length)
        {
            return;
        }
        var capacity = Math.Max(count, _links.Length * 2);
        Array.Resize(ref _vectors, capacity * Dimensions);
        Array.Resize(ref _links, capacity);
        Array.Resize(ref _deleted, capacity);
    }

    private VisitedSet RentVisited()
    {
        if (!_visitedPool.TryTake(out var visited))
        {
            visited = new VisitedSet();
        }
        visited.Reset(Count);
        return visited;
    }

    /// <summary>Writes the graph (not the vectors, which the caller keeps) to a stream.</summary>
    public void SaveGraph(BinaryWriter writer)
    {
        writer.Write(FormatVersion);
        writer.Write(Dimensions);
        writer.Write(_m);
        writer.Write(Count);
        writer.Write(_entryPoint);
        writer.Write(_maxLevel);
        for (var id = 0; id < Count; id++)
        {
            writer.Write(_deleted[id]);
            writer.Write(_links[id].Length);
            foreach (var level in _links[id])
            {
                writer.Write(level.Length);
                foreach (var neighbour in level)
                {
                    writer.Write(neighbour);
                }
            }
        }
    }

    /// <summary>Restores a graph written by <see cref="SaveGraph"/> over the same vectors, in id order.</summary>
    public static HnswIndex LoadGraph(BinaryReader reader, IReadOnlyList<float[]> vectors, int efConstruction = 128)
    {
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Unknown HNSW file version.");
        }
        var dimensions = reader.ReadInt32();
        var index = new HnswIndex(dimensions, reader.ReadInt32(), efConstruction);
        var count = reader.ReadInt32();
        if (count != vectors.Count)
        {
            throw new InvalidDataException($"The HNSW file has {count} nodes but {vectors.Count} vectors were given.");
        }
        index._entryPoint = reader.ReadInt32();
        index._maxLevel = reader.ReadInt32();
        index.EnsureCapacity(count);
        for (var id = 0; id < count; id++)
        {
            vectors[id].CopyTo(index._vectors.AsSpan(id * dimensions, dimensions));
            index._deleted[id] = reader.ReadBoolean();
            index.DeletedCount += index._deleted[id] ? 1 : 0;
            var levels = new int[reader.ReadInt32()][];
            for (var l = 0; l < levels.Length; l++)
            {
                levels[l] = new int[reader.ReadInt32()];
                for (var n = 0; n < levels[l].Length; n++)
                {
                    levels[l][n] = reader.ReadInt32();
                }
            }
            index._links[id] = levels;
        }
        index.Count = count;
        return index;
    }

    private sealed class VisitedSet
    {
        private int[] _marks = [];
        private int _epoch;

        public void Reset(int count)
        {
            if (_marks.Length < count)
            {
                _marks = new int[Math.Max(count, _marks.Length * 2)];
                _epoch = 0;
            }
            if (++_epoch == int.MaxValue)
            {
                Array.Clear(_marks);
                _epoch = 1;
            }
        }

        /// <summary>Marks a node; returns false when it was already marked in this search.</summary>
        public bool Mark(int id)
        {
            if (_marks[id] == _epoch)
            {
                return false;
            }
            _marks[id] = _epoch;
            return true;
        }
    }
}
