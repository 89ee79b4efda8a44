namespace PharmaRag.Core.Access;

/// <summary>
/// What a caller may do. Each role includes the one before it: a reader queries, searches,
/// explores the graph and lists documents; a writer also uploads, processes and deletes in its
/// own workspace; an admin also manages keys and works in every workspace.
/// </summary>
public enum ApiKeyRole
{
    Reader = 0,
    Writer = 1,
    Admin = 2,
}
