using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Disclosure.Catalogue;

public sealed record ColumnDto(int Id, string Name, int? ParentId, int SortOrder, bool IsActive, int Depth);

public sealed record ColumnRequest(string? Name, int? ParentId, int SortOrder = 0, bool IsActive = true);

/// <summary>
/// The columns (栏目) of the disclosure catalogue (政府信息公开目录, 《政府信息公开条例》第二十二条): a tree administrators
/// edit. Seeded with the columns of the reference bureau's website as its 2021 annual report names them.
/// </summary>
public static class CatalogueColumns
{
    /// <summary>The seed report's columns; 信息公开目录 and 法规制度 sit under 法定主动公开内容, as the report groups them.</summary>
    private static readonly (string Name, string[] Children)[] Seed =
    [
        ("年度报告", []), ("法定主动公开内容", ["信息公开目录", "法规制度"]), ("焦点新闻", []), ("预算决算", []), ("工作要闻", []),
        ("公告", []), ("政策解读", []), ("省长信箱留言", []),
    ];

    public static async Task SeedAsync(SunshineDbContext db, CancellationToken ct)
    {
        if (await db.CatalogueColumns.AnyAsync(ct)) return;
        var order = 0;
        foreach (var (name, children) in Seed)
        {
            var top = new CatalogueColumn { Name = name, SortOrder = ++order };
            db.CatalogueColumns.Add(top);
            await db.SaveChangesAsync(ct);
            var childOrder = 0;
            foreach (var child in children)
                db.CatalogueColumns.Add(new CatalogueColumn { Name = child, ParentId = top.Id, SortOrder = ++childOrder });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The tree in display order (depth-first, by sort order), each column with its depth.</summary>
    public static async Task<IReadOnlyList<ColumnDto>> TreeAsync(SunshineDbContext db, bool activeOnly, CancellationToken ct)
    {
        var all = await db.CatalogueColumns.AsNoTracking().ToListAsync(ct);
        var result = new List<ColumnDto>();
        void Walk(int? parent, int depth)
        {
            foreach (var c in all.Where(c => c.ParentId == parent && (!activeOnly || c.IsActive)).OrderBy(c => c.SortOrder).ThenBy(c => c.Id))
            {
                result.Add(new ColumnDto(c.Id, c.Name, c.ParentId, c.SortOrder, c.IsActive, depth));
                Walk(c.Id, depth + 1);
            }
        }
        Walk(null, 0);
        return result;
    }

    public static async Task<IResult> List(SunshineDbContext db, CancellationToken ct) => TypedResults.Ok(await TreeAsync(db, false, ct));

    public static async Task<IResult> Create(ColumnRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = await ValidateAsync(null, request, db, L, ct);
        if (problems.Any) return problems.ToResult();
        var column = new CatalogueColumn { Name = request.Name!.Trim(), ParentId = request.ParentId, SortOrder = request.SortOrder, IsActive = request.IsActive };
        db.CatalogueColumns.Add(column);
        await db.SaveChangesAsync(ct);
        audit.Record(UserScope.From(user), "disclosure.column-create", nameof(CatalogueColumn), column.Id, after: request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/disclosure/columns/{column.Id}", new ColumnDto(column.Id, column.Name, column.ParentId, column.SortOrder, column.IsActive, 0));
    }

    public static async Task<IResult> Update(int id, ColumnRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var column = await db.CatalogueColumns.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (column is null) return TypedResults.NotFound();
        var problems = await ValidateAsync(column, request, db, L, ct);
        if (problems.Any) return problems.ToResult();
        var before = new { column.Name, column.ParentId, column.SortOrder, column.IsActive };
        column.Name = request.Name!.Trim();
        column.ParentId = request.ParentId;
        column.SortOrder = request.SortOrder;
        column.IsActive = request.IsActive;
        audit.Record(UserScope.From(user), "disclosure.column-update", nameof(CatalogueColumn), column.Id, before, request);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ColumnDto(column.Id, column.Name, column.ParentId, column.SortOrder, column.IsActive, 0));
    }

    private static async Task<Problems> ValidateAsync(CatalogueColumn? column, ColumnRequest request, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = new Problems(L).Text(request.Name, "name", 64);
        if (request.ParentId is { } parent)
        {
            var columns = await db.CatalogueColumns.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
            if (columns.All(c => c.Id != parent)) problems.Add("parentId", "Disclosure.ErrorColumnParent");
            else if (column is not null)
            {
                // A column cannot move under itself or its own descendants: the tree would become a loop.
                for (int? at = parent; at is { } a; at = columns.Single(c => c.Id == a).ParentId)
                    if (a == column.Id) { problems.Add("parentId", "Disclosure.ErrorColumnLoop"); break; }
            }
        }
        if (!problems.Any)
        {
            var name = request.Name!.Trim();
            if (await db.CatalogueColumns.AnyAsync(c => c.ParentId == request.ParentId && c.Name == name && (column == null || c.Id != column.Id), ct))
                problems.Add("name", "Disclosure.ErrorColumnExists");
        }
        return problems;
    }
}
