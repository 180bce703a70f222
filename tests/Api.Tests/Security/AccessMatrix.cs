using System.Globalization;
using System.Text.Json.Nodes;
using Ticketing.Api.Tests.KnowledgeBase;
using static Ticketing.Api.Tests.Identity.IdentityHttp;
using static Ticketing.Api.Tests.Security.CellRequests;

namespace Ticketing.Api.Tests.Security;

/// <summary>One endpoint and the status each kind of caller gets from it, in <see cref="AccessMatrix.Columns"/> order.</summary>
public sealed record AccessRow(string Method, string Route, int[] Expected, CellRequest Request)
{
    public string Key => $"{Method} {Route}";
}

/// <summary>
/// Who may do what: every endpoint of the host against the eight kinds of caller. Route ids are company A's
/// resources (the contacts' company); "other" is company B's contact. 2xx cells really succeed; a denial is 401
/// (no token), 403 (wrong role) or, where the portal hides that something exists, the same 404 as a missing id.
/// A method of <c>*</c> is an endpoint mapped for every method (health checks); the cell sends a GET.
/// </summary>
public static class AccessMatrix
{
    public static readonly Who[] Columns = [Who.Anonymous, Who.Contact, Who.Primary, Who.OtherContact, Who.Taskfire, Who.Technician, Who.Auditor, Who.Admin];

    private static readonly string Kb = "/api/kb";

    public static readonly AccessRow[] Rows =
    [
        //   method   route                                                         anon ctc  prim other tf   tech aud  admin
        Row("POST",   "/api/auth/login",                                           "200  200  200  200  200  200  200  200", (w, _) => Done(Post("/api/auth/login", new { login = w[Who.Contact].Login, password = w[Who.Contact].Password }))),
        Row("POST",   "/api/auth/refresh",                                         "200  200  200  200  200  200  200  200", async (w, _) => Post("/api/auth/refresh", new { refreshToken = await w.FreshRefreshTokenAsync() })),
        Row("POST",   "/api/auth/forgot-password",                                 "202  202  202  202  202  202  202  202", (w, _) => Done(Post("/api/auth/forgot-password", new { login = w[Who.Contact].Login }))),
        Row("POST",   "/api/auth/reset-password",                                  "204  204  204  204  204  204  204  204", async (w, _) => ResetWith(await w.FreshResetCodeAsync())),
        Row("POST",   "/api/auth/logout",                                          "401  204  204  204  204  204  204  204", (w, who) => Post("/api/auth/logout").OnFreshSession(w, who)),
        Row("GET",    "/api/me/",                                                  "401  200  200  200  200  200  200  200", Fixed(() => Get("/api/me"))),
        Row("PUT",    "/api/me/",                                                  "401  200  200  200  403  403  403  403", (w, who) => Done(Put("/api/me", Profile(who)))),
        Row("PUT",    "/api/me/password",                                          "401  204  204  204  204  204  204  204", (w, who) => Done(Put("/api/me/password", SamePassword(w, who)))),
        Row("GET",    "/api/portal/me/",                                           "401  200  200  200  403  403  403  403", Fixed(() => Get("/api/portal/me"))),
        Row("PUT",    "/api/portal/me/",                                           "401  200  200  200  403  403  403  403", (w, who) => Done(Put("/api/portal/me", Profile(who)))),
        Row("PUT",    "/api/portal/me/password",                                   "401  204  204  204  403  403  403  403", (w, who) => Done(Put("/api/portal/me/password", SamePassword(w, who)))),

        Row("POST",   "/api/customers/",                                           "401  403  403  403  403  201  403  201", (_, _) => Done(Post("/api/customers", Customer()))),
        Row("GET",    "/api/customers/",                                           "401  403  403  403  403  200  403  200", Fixed(() => Get("/api/customers"))),
        Row("GET",    "/api/customers/{id:guid}",                                  "401  403  403  403  403  200  403  200", (w, _) => Done(Get($"/api/customers/{w.CustomerA}"))),
        Row("PUT",    "/api/customers/{id:guid}",                                  "401  403  403  403  403  200  403  200", async (w, _) => Put($"/api/customers/{await w.FreshCustomerAsync()}", Customer())),
        Row("POST",   "/api/customers/{id:guid}/contacts",                         "401  403  403  403  403  201  403  201", (w, _) => Done(Post($"/api/customers/{w.CustomerA}/contacts", Contact()))),
        Row("GET",    "/api/customers/{id:guid}/contacts",                         "401  403  403  403  403  200  403  200", (w, _) => Done(Get($"/api/customers/{w.CustomerA}/contacts"))),
        Row("GET",    "/api/contacts/{id:guid}",                                   "401  403  403  403  403  200  403  200", (w, _) => Done(Get($"/api/contacts/{w[Who.Contact].UserId}"))),
        Row("PUT",    "/api/contacts/{id:guid}",                                   "401  403  403  403  403  200  403  200", async (w, _) => Put($"/api/contacts/{await w.FreshContactAsync()}", Contact())),
        Row("POST",   "/api/contacts/{id:guid}/password",                          "401  403  403  403  403  200  403  200", async (w, _) => Post($"/api/contacts/{await w.FreshContactAsync()}/password")),
        Row("POST",   "/api/contacts/{id:guid}/erase",                             "401  403  403  403  403  403  403  204", async (w, _) => Post($"/api/contacts/{await w.FreshContactAsync()}/erase")),
        Row("POST",   "/api/admin/users/",                                         "401  403  403  403  403  403  403  201", (_, _) => Done(Post("/api/admin/users", new { role = "technician", email = UniqueEmail("tech"), firstName = "New", lastName = "Tech" }))),
        Row("GET",    "/api/admin/users/",                                         "401  403  403  403  403  403  403  200", Fixed(() => Get("/api/admin/users"))),
        Row("POST",   "/api/admin/users/{id:guid}/deactivate",                     "401  403  403  403  403  403  403  200", async (w, _) => Post($"/api/admin/users/{await w.FreshStaffUserAsync()}/deactivate")),
        Row("POST",   "/api/admin/users/{id:guid}/reactivate",                     "401  403  403  403  403  403  403  200", async (w, _) => Post($"/api/admin/users/{await w.FreshStaffUserAsync()}/reactivate")),

        Row("GET",    "/api/admin/settings/portal",                                "401  403  403  403  403  403  403  200", Fixed(() => Get("/api/admin/settings/portal"))),
        Row("PUT",    "/api/admin/settings/portal",                                "401  403  403  403  403  403  403  200", (w, _) => SameSettings(w, "portal")),
        Row("GET",    "/api/admin/settings/fields",                                "401  403  403  403  403  403  403  200", Fixed(() => Get("/api/admin/settings/fields"))),
        Row("PUT",    "/api/admin/settings/fields",                                "401  403  403  403  403  403  403  200", (w, _) => SameSettings(w, "fields")),
        Row("GET",    "/api/admin/settings/catalogues",                            "401  403  403  403  403  403  403  200", Fixed(() => Get("/api/admin/settings/catalogues"))),
        Row("PUT",    "/api/admin/settings/catalogues",                            "401  403  403  403  403  403  403  200", (w, _) => SameSettings(w, "catalogues")),
        Row("GET",    "/api/admin/settings/history",                               "401  403  403  403  403  403  200  200", Fixed(() => Get("/api/admin/settings/history"))),
        Row("GET",    "/api/admin/email-templates/",                               "401  403  403  403  403  403  403  200", Fixed(() => Get("/api/admin/email-templates"))),
        Row("GET",    "/api/admin/email-templates/{kind}/{language}",              "401  403  403  403  403  403  403  200", Fixed(() => Get("/api/admin/email-templates/welcome/en"))),
        Row("PUT",    "/api/admin/email-templates/{kind}/{language}",              "401  403  403  403  403  403  403  200", Fixed(() => Put("/api/admin/email-templates/welcome/it", new { subject = "Benvenuto", bodyText = "Benvenuto nel portale." }))),
        Row("DELETE", "/api/admin/email-templates/{kind}/{language}",              "401  403  403  403  403  403  403  200", Fixed(() => Delete("/api/admin/email-templates/welcome/it"))),
        Row("GET",    "/api/admin/workflow-rules/",                                "401  403  403  403  403  403  403  200", Fixed(() => Get("/api/admin/workflow-rules"))),
        Row("GET",    "/api/admin/workflow-rules/{id:guid}",                       "401  403  403  403  403  403  403  200", (w, _) => Done(Get($"/api/admin/workflow-rules/{w.RuleA}"))),
        Row("POST",   "/api/admin/workflow-rules/",                                "401  403  403  403  403  403  403  201", (w, _) => Done(Post("/api/admin/workflow-rules", w.RuleBody("New rule")))),
        Row("PUT",    "/api/admin/workflow-rules/{id:guid}",                       "401  403  403  403  403  403  403  200", async (w, _) => Put($"/api/admin/workflow-rules/{await w.FreshRuleAsync()}", w.RuleBody("Replaced"))),
        Row("DELETE", "/api/admin/workflow-rules/{id:guid}",                       "401  403  403  403  403  403  403  204", async (w, _) => Delete($"/api/admin/workflow-rules/{await w.FreshRuleAsync()}")),
        Row("GET",    "/api/admin/projections/",                                   "401  403  403  403  403  403  403  200", Fixed(() => Get("/api/admin/projections"))),
        Row("GET",    "/api/admin/projections/{name}",                             "401  403  403  403  403  403  403  200", Fixed(() => Get("/api/admin/projections/ticket_list"))),
        Row("POST",   "/api/admin/projections/{name}/rebuild",                     "401  403  403  403  403  403  403  202", Fixed(() => Post("/api/admin/projections/portal_tickets/rebuild"))),
        Row("GET",    "/api/admin/dead-letters/",                                  "401  403  403  403  403  403  403  200", Fixed(() => Get("/api/admin/dead-letters"))),
        Row("POST",   "/api/admin/dead-letters/{id:guid}/replay",                  "401  403  403  403  403  403  403  404", Fixed(() => Post($"/api/admin/dead-letters/{Guid.NewGuid()}/replay"))),
        Row("POST",   "/api/admin/dead-letters/replay",                            "401  403  403  403  403  403  403  404", Fixed(() => Post("/api/admin/dead-letters/replay", new { ids = new[] { Guid.NewGuid() } }))),
        Row("GET",    "/api/audit/tickets/{id:guid}/history",                      "401  403  403  403  403  403  200  200", (w, _) => Done(Get($"/api/audit/tickets/{w.TicketA}/history"))),
        Row("GET",    "/api/audit/tickets/{id:guid}/state",                        "401  403  403  403  403  403  200  200", (w, _) => Done(Get($"/api/audit/tickets/{w.TicketA}/state"))),
        Row("GET",    "/api/audit/visibility",                                     "401  403  403  403  403  403  200  200", (w, _) => Done(Get($"/api/audit/visibility?contactId={w[Who.Contact].UserId}&ticketId={w.TicketA}"))),
        Row("GET",    "/api/audit/tickets/{id:guid}/export",                       "401  403  403  403  403  403  200  200", (w, _) => Done(Get($"/api/audit/tickets/{w.TicketA}/export"))),
        Row("GET",    "/api/audit/verify",                                         "401  403  403  403  403  403  200  200", (w, _) => Done(Get($"/api/audit/verify?ticketId={w.TicketA}"))),
        Row("GET",    "/api/audit/keys",                                           "401  403  403  403  403  403  200  200", Fixed(() => Get("/api/audit/keys"))),
        Row("POST",   "/api/audit/keys/rotate",                                    "401  403  403  403  403  403  403  201", Fixed(() => Post("/api/audit/keys/rotate"))),

        Row("POST",   "/api/tickets/",                                             "401  403  403  403  403  201  403  201", (w, _) => Done(Post("/api/tickets", new { title = "New", customerId = w.CustomerA, priority = "high" }))),
        Row("GET",    "/api/tickets/",                                             "401  403  403  403  403  200  403  200", Fixed(() => Get("/api/tickets"))),
        Row("GET",    "/api/tickets/{id:guid}",                                    "401  403  403  403  403  200  403  200", (w, _) => Done(Get($"/api/tickets/{w.TicketA}"))),
        Row("GET",    "/api/tickets/{id:guid}/attachments/{attachmentId:guid}",    "401  403  403  403  403  200  403  200", (w, _) => Done(Get($"/api/tickets/{w.TicketA}/attachments/{w.AttachmentA}"))),
        Row("PATCH",  "/api/tickets/{id:guid}",                                    "401  403  403  403  403  200  403  200", async (w, _) => Patch($"/api/tickets/{await w.FreshTicketAsync()}", new { title = "Renamed" })),
        Row("POST",   "/api/tickets/{id:guid}/status",                             "401  403  403  403  403  200  403  200", async (w, _) => Post($"/api/tickets/{await w.FreshTicketAsync()}/status", new { status = "pending" })),
        Row("POST",   "/api/tickets/{id:guid}/replies",                            "401  403  403  403  403  200  403  200", async (w, _) => Post($"/api/tickets/{await w.FreshTicketAsync()}/replies", new { body = "Note", visibility = "Internal" })),
        Row("POST",   "/api/tickets/{id:guid}/assign",                             "401  403  403  403  403  200  403  200", async (w, _) => Post($"/api/tickets/{await w.FreshTicketAsync()}/assign", new { technicianId = w[Who.Technician].UserId })),
        Row("POST",   "/api/tickets/{id:guid}/bill",                               "401  403  403  403  403  200  403  200", async (w, _) => Post($"/api/tickets/{await w.FreshTicketAsync()}/bill")),
        Row("POST",   "/api/tickets/{id:guid}/taskfire",                           "401  403  403  403  403  200  403  200", async (w, _) => Post($"/api/tickets/{await w.FreshTicketAsync()}/taskfire", new { queue = "Customer IT", resourceId = w[Who.Taskfire].UserId, note = "Yours" })),
        Row("POST",   "/api/tickets/{id:guid}/taskfire/resource",                  "401  403  403  403  403  200  403  200", async (w, _) => Post($"/api/tickets/{await w.FreshTaskfireTicketAsync()}/taskfire/resource", new { resourceId = w[Who.Taskfire].UserId })),
        Row("POST",   "/api/tickets/{id:guid}/taskfire/work-complete",             "401  403  403  403  403  200  403  200", async (w, _) => Post($"/api/tickets/{await w.FreshTaskfireTicketAsync()}/taskfire/work-complete", new { note = "Done" })),
        Row("POST",   "/api/tickets/{id:guid}/taskfire/questions",                 "401  403  403  403  403  200  403  200", async (w, _) => Post($"/api/tickets/{await w.FreshTaskfireTicketAsync()}/taskfire/questions", new { question = "Which room?" })),
        Row("DELETE", "/api/tickets/{id:guid}",                                    "401  403  403  403  403  204  403  204", async (w, _) => Delete($"/api/tickets/{await w.FreshTicketAsync()}")),

        Row("GET",    "/api/portal/tickets",                                       "401  200  200  200  403  403  403  403", Fixed(() => Get("/api/portal/tickets"))),
        Row("POST",   "/api/portal/tickets",                                       "401  201  201  201  403  403  403  403", Fixed(() => Post("/api/portal/tickets", new { title = "From the portal" }))),
        Row("GET",    "/api/portal/tickets/{id:guid}",                             "401  200  200  404  403  403  403  403", (w, _) => Done(Get($"/api/portal/tickets/{w.TicketA}"))),
        Row("PATCH",  "/api/portal/tickets/{id:guid}",                             "401  200  200  404  403  403  403  403", async (w, _) => Patch($"/api/portal/tickets/{await w.FreshTicketAsync()}", new { priority = "low" })),
        Row("POST",   "/api/portal/tickets/{id:guid}/replies",                     "401  201  201  404  403  403  403  403", (w, _) => Done(Post($"/api/portal/tickets/{w.TicketA}/replies", new { body = "Any news?" }))),
        Row("GET",    "/api/portal/tickets/{id:guid}/attachments/{attachmentId:guid}", "401  200  200  404  403  403  403  403", (w, _) => Done(Get($"/api/portal/tickets/{w.TicketA}/attachments/{w.AttachmentA}"))),

        Row("GET",    "/api/taskfire/tickets/",                                    "401  403  403  403  200  403  403  403", Fixed(() => Get("/api/taskfire/tickets"))),
        Row("POST",   "/api/taskfire/tickets/",                                    "401  403  403  403  201  403  403  403", Fixed(() => Post("/api/taskfire/tickets", new { title = "Our own" }))),
        Row("POST",   "/api/taskfire/tickets/{id:guid}/submit",                    "401  403  403  403  200  403  403  403", async (w, _) => Post($"/api/taskfire/tickets/{await w.FreshOwnTaskfireTicketAsync()}/submit", new { note = "Over to the MSP" })),
        Row("GET",    "/api/taskfire/tickets/{id:guid}",                           "401  403  403  403  200  403  403  403", async (w, _) => Get($"/api/taskfire/tickets/{await w.FreshTaskfireCopyAsync()}")),
        Row("POST",   "/api/taskfire/tickets/{id:guid}/status",                    "401  403  403  403  200  403  403  403", async (w, _) => Post($"/api/taskfire/tickets/{await w.FreshTaskfireCopyAsync()}/status", new { status = "pending" })),
        Row("POST",   "/api/taskfire/tickets/{id:guid}/resource",                  "401  403  403  403  200  403  403  403", async (w, _) => Post($"/api/taskfire/tickets/{await w.FreshTaskfireCopyAsync()}/resource", new { resourceId = w[Who.Taskfire].UserId })),
        Row("POST",   "/api/taskfire/tickets/{id:guid}/notes",                     "401  403  403  403  200  403  403  403", async (w, _) => Post($"/api/taskfire/tickets/{await w.FreshTaskfireCopyAsync()}/notes", new { body = "Checked on site" })),
        Row("GET",    "/api/taskfire/tickets/{id:guid}/attachments/{attachmentId:guid}", "401  403  403  403  200  403  403  403", async (w, _) => TaskfireFile(await w.FreshTaskfireAttachmentAsync())),
        Row("DELETE", "/api/taskfire/tickets/{id:guid}",                           "401  403  403  403  204  403  403  403", async (w, _) => Delete($"/api/taskfire/tickets/{await w.FreshTaskfireCopyAsync()}")),
        Row("GET",    "/api/taskfire/users",                                       "401  403  403  403  200  403  403  403", Fixed(() => Get("/api/taskfire/users"))),

        Row("GET",    "/api/portal/kb/categories",                                 "401  200  200  200  403  403  403  403", Fixed(() => Get("/api/portal/kb/categories"))),
        Row("GET",    "/api/portal/kb/sections/{id:guid}/articles",                "401  200  200  404  403  403  403  403", (w, _) => Done(Get($"/api/portal/kb/sections/{w.SectionA}/articles"))),
        Row("GET",    "/api/portal/kb/articles/{id:guid}",                         "401  200  200  404  403  403  403  403", (w, _) => Done(Get($"/api/portal/kb/articles/{w.ArticleA}"))),
        Row("PUT",    "/api/portal/kb/articles/{id:guid}/rating",                  "401  200  200  404  403  403  403  403", (w, _) => Done(Put($"/api/portal/kb/articles/{w.ArticleA}/rating", new { helpful = true }))),
        Row("DELETE", "/api/portal/kb/articles/{id:guid}/rating",                  "401  204  204  404  403  403  403  403", (w, _) => Done(Delete($"/api/portal/kb/articles/{w.ArticleA}/rating"))),
        Row("GET",    "/api/portal/kb/articles/{id:guid}/files/{fileId:guid}",     "401  200  200  404  403  403  403  403", (w, _) => Done(Get($"/api/portal/kb/articles/{w.ArticleA}/files/{w.ArticleFileA}"))),
        Row("GET",    "/api/portal/kb/search",                                     "401  200  200  200  403  403  403  403", Fixed(() => Get("/api/portal/kb/search?q=wombat"))),

        Row("GET",    "/api/kb/categories",                                        "401  403  403  403  403  200  403  200", Fixed(() => Get($"{Kb}/categories"))),
        Row("POST",   "/api/kb/categories",                                        "401  403  403  403  403  201  403  201", (w, _) => Done(Post($"{Kb}/categories", Category(w)))),
        Row("GET",    "/api/kb/categories/{id:guid}",                              "401  403  403  403  403  200  403  200", (w, _) => Done(Get($"{Kb}/categories/{w.CategoryA}"))),
        Row("PUT",    "/api/kb/categories/{id:guid}",                              "401  403  403  403  403  200  403  200", async (w, _) => Put($"{Kb}/categories/{await w.FreshCategoryAsync()}", Category(w))),
        Row("DELETE", "/api/kb/categories/{id:guid}",                              "401  403  403  403  403  204  403  204", async (w, _) => Delete($"{Kb}/categories/{await w.FreshCategoryAsync()}")),
        Row("POST",   "/api/kb/sections",                                          "401  403  403  403  403  201  403  201", (w, _) => Done(Post($"{Kb}/sections", new { categoryId = w.CategoryA, name = "New section" }))),
        Row("GET",    "/api/kb/sections/{id:guid}",                                "401  403  403  403  403  200  403  200", (w, _) => Done(Get($"{Kb}/sections/{w.SectionA}"))),
        Row("PUT",    "/api/kb/sections/{id:guid}",                                "401  403  403  403  403  200  403  200", async (w, _) => Put($"{Kb}/sections/{await w.FreshSectionAsync()}", new { categoryId = w.CategoryA, name = "Renamed" })),
        Row("DELETE", "/api/kb/sections/{id:guid}",                                "401  403  403  403  403  204  403  204", async (w, _) => Delete($"{Kb}/sections/{await w.FreshSectionAsync()}")),
        Row("GET",    "/api/kb/sections/{id:guid}/articles",                       "401  403  403  403  403  200  403  200", (w, _) => Done(Get($"{Kb}/sections/{w.SectionA}/articles"))),
        Row("POST",   "/api/kb/articles",                                          "401  403  403  403  403  201  403  201", (w, _) => Done(Post($"{Kb}/articles", Article(w)))),
        Row("GET",    "/api/kb/articles/{id:guid}",                                "401  403  403  403  403  200  403  200", (w, _) => Done(Get($"{Kb}/articles/{w.ArticleA}"))),
        Row("PUT",    "/api/kb/articles/{id:guid}",                                "401  403  403  403  403  200  403  200", async (w, _) => Put($"{Kb}/articles/{await w.FreshArticleAsync()}", Article(w))),
        Row("DELETE", "/api/kb/articles/{id:guid}",                                "401  403  403  403  403  204  403  204", async (w, _) => Delete($"{Kb}/articles/{await w.FreshArticleAsync()}")),
        Row("POST",   "/api/kb/articles/{id:guid}/files",                          "401  403  403  403  403  201  403  201", (w, _) => Done(Post($"{Kb}/articles/{w.ArticleA}/files", AccessWorld.FileForm("more.txt", "more notes")))),
        Row("GET",    "/api/kb/articles/{id:guid}/files/{fileId:guid}",            "401  403  403  403  403  200  403  200", (w, _) => Done(Get($"{Kb}/articles/{w.ArticleA}/files/{w.ArticleFileA}"))),
        Row("DELETE", "/api/kb/articles/{id:guid}/files/{fileId:guid}",            "401  403  403  403  403  204  403  204", async (w, _) => await FreshFileDeletion(w)),
        Row("GET",    "/api/kb/search",                                            "401  403  403  403  403  200  403  200", Fixed(() => Get($"{Kb}/search?q=wombat"))),

        // The mail gateway authenticates with its API key, which none of the eight callers has.
        Row("POST",   "/api/inbound/email",                                        "401  401  401  401  401  401  401  401", Fixed(() => Post("/api/inbound/email", new { from = "someone@example.test", to = "help@msp.test", subject = "Hi", text = "Hello" }))),
        Row("*",      "/health/live",                                              "200  200  200  200  200  200  200  200", Fixed(() => Get("/health/live"))),
        // The portal's pages (ADR 0025; Razor Pages routes have no leading slash) answer to the portal cookie only: a bearer token is no sign-in there, so every
        // caller is sent to the sign-in page (302); it, the password-recovery pages and the style sheet are public.
        Row("*",      "portal/sign-in",                                            "200  200  200  200  200  200  200  200", Fixed(() => Get("/portal/sign-in"))),
        Row("*",      "portal/sign-out",                                           "302  302  302  302  302  302  302  302", Fixed(() => Get("/portal/sign-out"))),
        Row("*",      "portal",                                                    "302  302  302  302  302  302  302  302", Fixed(() => Get("/portal"))),
        Row("*",      "portal/tickets",                                            "302  302  302  302  302  302  302  302", Fixed(() => Get("/portal/tickets"))),
        Row("*",      "portal/tickets/{id:guid}",                                  "302  302  302  302  302  302  302  302", (w, _) => Done(Get($"/portal/tickets/{w.TicketA}"))),
        Row("GET",    "/portal/tickets/{id:guid}/attachments/{attachmentId:guid}", "302  302  302  302  302  302  302  302", (w, _) => Done(Get($"/portal/tickets/{w.TicketA}/attachments/{Guid.NewGuid()}"))),
        Row("*",      "portal/forgot-password",                                    "200  200  200  200  200  200  200  200", Fixed(() => Get("/portal/forgot-password"))),
        Row("*",      "portal/reset-password",                                     "200  200  200  200  200  200  200  200", Fixed(() => Get("/portal/reset-password"))),
        Row("*",      "portal/tickets/new",                                        "302  302  302  302  302  302  302  302", Fixed(() => Get("/portal/tickets/new"))),
        Row("*",      "portal/profile",                                            "302  302  302  302  302  302  302  302", Fixed(() => Get("/portal/profile"))),
        Row("*",      "portal/assistant",                                          "302  302  302  302  302  302  302  302", Fixed(() => Get("/portal/assistant"))),
        Row("*",      "portal/kb",                                                 "302  302  302  302  302  302  302  302", Fixed(() => Get("/portal/kb"))),
        Row("*",      "portal/kb/search",                                          "302  302  302  302  302  302  302  302", Fixed(() => Get("/portal/kb/search?q=vpn"))),
        Row("*",      "portal/kb/sections/{id:guid}",                              "302  302  302  302  302  302  302  302", Fixed(() => Get($"/portal/kb/sections/{Guid.NewGuid()}"))),
        Row("*",      "portal/kb/articles/{id:guid}",                              "302  302  302  302  302  302  302  302", Fixed(() => Get($"/portal/kb/articles/{Guid.NewGuid()}"))),
        Row("GET",    "/portal/kb/articles/{id:guid}/files/{fileId:guid}",         "302  302  302  302  302  302  302  302", Fixed(() => Get($"/portal/kb/articles/{Guid.NewGuid()}/files/{Guid.NewGuid()}"))),
        Row("*",      "portal/taskfire/tickets",                                   "302  302  302  302  302  302  302  302", Fixed(() => Get("/portal/taskfire/tickets"))),
        Row("*",      "portal/taskfire/tickets/new",                               "302  302  302  302  302  302  302  302", Fixed(() => Get("/portal/taskfire/tickets/new"))),
        Row("*",      "portal/taskfire/tickets/{id:guid}",                         "302  302  302  302  302  302  302  302", Fixed(() => Get($"/portal/taskfire/tickets/{Guid.NewGuid()}"))),
        Row("GET",    "/portal/taskfire/tickets/{id:guid}/attachments/{attachmentId:guid}", "302  302  302  302  302  302  302  302", Fixed(() => Get($"/portal/taskfire/tickets/{Guid.NewGuid()}/attachments/{Guid.NewGuid()}"))),
        Row("*",      "portal/devices",                                            "302  302  302  302  302  302  302  302", Fixed(() => Get("/portal/devices"))),
        Row("*",      "portal/devices/{id:guid}",                                  "302  302  302  302  302  302  302  302", Fixed(() => Get($"/portal/devices/{Guid.NewGuid()}"))),
        Row("*",      "portal/language",                                           "200  200  200  200  200  200  200  200", Fixed(() => Get("/portal/language"))),
        Row("GET",    "/portal/theme.css",                                         "200  200  200  200  200  200  200  200", Fixed(() => Get("/portal/theme.css"))),
        Row("GET",    "/portal/portal.css",                                        "200  200  200  200  200  200  200  200", Fixed(() => Get("/portal/portal.css"))),
        Row("*",      "/health/ready",                                             "200  200  200  200  200  200  200  200", Fixed(() => Get("/health/ready"))),
        // Devices, agents and self-service (P13, ADR 0030). Agent routes take a device credential only: every user is 401.
        Row("POST",   "/api/devices/",                                             "401  403  403  403  403  201  403  201", (w, _) => Done(Post("/api/devices", new { customerId = w.CustomerA, name = $"{AccessWorld.Marker} pc", os = "Windows" }))),
        Row("GET",    "/api/devices/",                                             "401  403  403  403  403  200  403  200", Fixed(() => Get("/api/devices"))),
        Row("GET",    "/api/devices/{id:guid}",                                    "401  403  403  403  403  200  403  200", async (w, _) => Get($"/api/devices/{await w.DeviceAAsync()}")),
        Row("PUT",    "/api/devices/{id:guid}",                                    "401  403  403  403  403  200  403  200", async (w, _) => Put($"/api/devices/{await w.FreshDeviceAsync()}", new { name = $"{AccessWorld.Marker} renamed", os = "Windows" })),
        Row("PUT",    "/api/devices/{id:guid}/contact",                            "401  403  403  403  403  200  403  200", async (w, _) => Put($"/api/devices/{await w.FreshDeviceAsync()}/contact", new { contactId = (Guid?)null })),
        Row("POST",   "/api/devices/{id:guid}/retire",                             "401  403  403  403  403  200  403  200", async (w, _) => Post($"/api/devices/{await w.FreshDeviceAsync()}/retire")),
        Row("GET",    "/api/devices/{id:guid}/history",                            "401  403  403  403  403  200  200  200", async (w, _) => Get($"/api/devices/{await w.DeviceAAsync()}/history")),
        Row("POST",   "/api/customers/{id:guid}/agent-enrolment-key",              "401  403  403  403  403  201  403  201", (w, _) => Done(Post($"/api/customers/{w.CustomerA}/agent-enrolment-key"))),
        Row("POST",   "/api/agent/enrol",                                          "201  201  201  201  201  201  201  201", async (w, _) => Post("/api/agent/enrol", new { enrolmentKey = await w.FreshEnrolmentKeyAsync(), agentId = $"matrix-{Guid.NewGuid():N}", name = "Matrix PC", os = "Linux" })),
        Row("GET",    "/api/agent/actions",                                        "401  401  401  401  401  401  401  401", Fixed(() => Get("/api/agent/actions"))),
        Row("POST",   "/api/agent/actions/{id:guid}/outcome",                      "401  401  401  401  401  401  401  401", Fixed(() => Post($"/api/agent/actions/{Guid.NewGuid()}/outcome", new { status = "completed" }))),
        Row("GET",    "/api/portal/devices/",                                      "401  200  200  200  403  403  403  403", async (w, _) => { await w.DeviceAAsync(); return Get("/api/portal/devices"); }),
        Row("GET",    "/api/portal/devices/{id:guid}",                             "401  200  404  404  403  403  403  403", async (w, _) => Get($"/api/portal/devices/{await w.DeviceAAsync()}")),
        Row("GET",    "/api/portal/phone/",                                        "401  200  200  200  403  403  403  403", Fixed(() => Get("/api/portal/phone"))),
        Row("POST",   "/api/portal/phone/",                                        "401  202  202  202  403  403  403  403", (_, _) => Done(Post("/api/portal/phone", new { phone = Devices.PhoneHttp.NewPhone() }))),
        Row("POST",   "/api/portal/phone/confirm",                                 "401  200  200  200  403  403  403  403", async (w, who) => Post("/api/portal/phone/confirm", new { code = await w.FreshPhoneCodeAsync(who) })),
        Row("DELETE", "/api/contacts/{id:guid}/phone-verification",                "401  403  403  403  403  204  403  204", async (w, _) => Delete($"/api/contacts/{await w.FreshContactAsync()}/phone-verification")),
        Row("GET",    "/api/portal/devices/{id:guid}/actions",                     "401  200  404  404  403  403  403  403", async (w, _) => Get($"/api/portal/devices/{await w.DeviceAAsync()}/actions")),
        Row("POST",   "/api/portal/devices/{id:guid}/actions",                     "401  202  404  404  403  403  403  403", async (w, _) => Post($"/api/portal/devices/{await w.DeviceAAsync()}/actions", new { kind = "Restart" })),
        Row("POST",   "/api/portal/devices/{id:guid}/actions/{actionId:guid}/confirm", "401  200  404  404  403  403  403  403", async (w, who) => { var (d, a, c) = await w.FreshActionAsync(who); return Post($"/api/portal/devices/{d}/actions/{a}/confirm", new { code = c }); }),
        Row("GET",    "/api/portal/devices/{id:guid}/applications",                "401  200  404  404  403  403  403  403", async (w, _) => Get($"/api/portal/devices/{await w.DeviceAAsync()}/applications")),
        // The portal assistant (P12, ADR 0031): a contact's own conversations only; actions from a chat are P13's.
        Row("POST",   "/api/portal/assistant/conversations/",                      "401  201  201  201  403  403  403  403", async (w, _) => { await w.AssistantOnAsync(); return Post("/api/portal/assistant/conversations"); }),
        Row("GET",    "/api/portal/assistant/conversations/",                      "401  200  200  200  403  403  403  403", async (w, _) => { await w.AssistantOnAsync(); return Get("/api/portal/assistant/conversations"); }),
        Row("GET",    "/api/portal/assistant/conversations/{id:guid}",             "401  200  404  404  403  403  403  403", async (w, _) => Get($"/api/portal/assistant/conversations/{await w.ConversationAAsync()}")),
        Row("POST",   "/api/portal/assistant/conversations/{id:guid}/messages",    "401  200  404  404  403  403  403  403", async (w, _) => Post($"/api/portal/assistant/conversations/{await w.ConversationAAsync()}/messages", new { text = $"{AccessWorld.Marker} hello" })),
        Row("POST",   "/api/portal/assistant/conversations/{id:guid}/actions",     "401  202  404  404  403  403  403  403", async (w, _) => Post($"/api/portal/assistant/conversations/{await w.ConversationAAsync()}/actions", new { deviceId = await w.DeviceAAsync(), kind = "Restart" })),
        Row("POST",   "/api/portal/assistant/conversations/{id:guid}/actions/{actionId:guid}/confirm", "401  200  404  404  403  403  403  403", async (w, who) => { var (c, a, code) = await w.FreshAssistantActionAsync(who); return Post($"/api/portal/assistant/conversations/{c}/actions/{a}/confirm", new { code }); }),
        Row("POST",   "/api/portal/assistant/conversations/{id:guid}/ticket",      "401  201  404  404  403  403  403  403", async (w, _) => Post($"/api/portal/assistant/conversations/{await w.FreshConversationAsync()}/ticket")),
        Row("GET",    "/api/admin/self-service/applications/",                     "401  403  403  403  403  403  403  200", Fixed(() => Get("/api/admin/self-service/applications"))),
        Row("POST",   "/api/admin/self-service/applications/",                     "401  403  403  403  403  403  403  201", Fixed(() => Post("/api/admin/self-service/applications", new { name = "Matrix app", windowsPackage = "7zip" }))),
        Row("DELETE", "/api/admin/self-service/applications/{id:guid}",            "401  403  403  403  403  403  403  204", async (w, _) => Delete($"/api/admin/self-service/applications/{await w.FreshApplicationAsync()}")),
    ];

    private static AccessRow Row(string method, string route, string expected, CellRequest request) =>
        new(method, route, [.. expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))], request);

    private static CellRequestSpec TaskfireFile((Guid Copy, Guid Attachment) file) => Get($"/api/taskfire/tickets/{file.Copy}/attachments/{file.Attachment}");

    private static CellRequest Fixed(Func<CellRequestSpec> request) => (_, _) => Done(request());

    private static Task<CellRequestSpec> Done(CellRequestSpec request) => Task.FromResult(request);

    private static CellRequestSpec ResetWith((string Login, string Code) reset) =>
        Post("/api/auth/reset-password", new { login = reset.Login, code = reset.Code, newPassword = "Matrix-reset-passw0rd" });

    private static object SamePassword(AccessWorld world, Who who) =>
        new { currentPassword = world[who].Password, newPassword = world[who].Password };

    private static object Profile(Who who) => new
    {
        firstName = who.ToString(), lastName = "Profile", jobTitle = "Office", email = UniqueEmail("profile"), phone = "+41 44 000 00 00",
        language = "en", timeZone = "Europe/Zurich",
    };

    private static object Customer() => new
    {
        name = $"Matrix customer {Guid.NewGuid():N}", emailDomains = Array.Empty<string>(), timeZone = "Europe/Zurich",
        ticketingPortalEnabled = true, knowledgeBaseEnabled = true,
    };

    private static object Contact() => new
    {
        firstName = "Mat", lastName = "Rix", jobTitle = "Clerk", email = UniqueEmail("matrix"), phone = "+41 44 000 00 01",
        language = "en", timeZone = "Europe/Zurich", isPrimary = false,
    };

    private static object Category(AccessWorld world) => new
    {
        name = "Matrix category", description = "d", visibleToAll = false, customerIds = new[] { world.CustomerA },
    };

    private static object Article(AccessWorld world) => KnowledgeBaseHttp.NewArticle(world.SectionA, "Matrix article", "body", onlyFor: [world.CustomerA]);

    private static async Task<CellRequestSpec> SameSettings(AccessWorld world, string section)
    {
        var current = await world.AdminUser.Scenario(s => s.Get.Url($"/api/admin/settings/{section}"));
        return Put($"/api/admin/settings/{section}", JsonNode.Parse(current.ReadAsText())!);
    }

    private static async Task<CellRequestSpec> FreshFileDeletion(AccessWorld world)
    {
        var (article, file) = await world.FreshArticleFileAsync();
        return Delete($"{Kb}/articles/{article}/files/{file}");
    }
}
