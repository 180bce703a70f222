using Ticketing.Domain.Tickets;

namespace Ticketing.Domain.Tests.Tickets;

public class StatusCatalogueTests
{
    private static readonly StatusCatalogue Catalogue = Sample.Policies.Statuses;

    [Theory]
    [InlineData("open", StatusCategory.Open)]
    [InlineData("Pending", StatusCategory.Pending)]
    [InlineData("RESOLVED", StatusCategory.Resolved)]
    [InlineData("closed", StatusCategory.Closed)]
    public void Built_in_statuses_are_always_there(string name, StatusCategory category) =>
        StatusCatalogue.BuiltInOnly.Get(name).Category.ShouldBe(category);

    [Theory]
    [InlineData("waiting-customer")]
    [InlineData("waiting customer")]
    [InlineData(" Waiting Customer ")]
    public void Custom_status_is_found_by_id_or_name_ignoring_case(string key)
    {
        var status = Catalogue.Get(key);

        status.Id.ShouldBe("waiting-customer");
        status.Category.ShouldBe(StatusCategory.Pending);
    }

    [Theory]
    [InlineData("On hold")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_status_is_a_violation(string? key) =>
        Should.Throw<DomainRuleViolation>(() => Catalogue.Get(key)).Code.ShouldBe(TicketErrors.UnknownStatus);

    [Fact]
    public void A_custom_status_cannot_reuse_a_built_in_name() =>
        Should.Throw<ArgumentException>(() => new StatusCatalogue([new("reopened", "open", StatusCategory.Open)]));

    [Fact]
    public void Lists_built_ins_and_custom_statuses() =>
        Catalogue.All.Select(s => s.Id).ShouldBe(["open", "pending", "resolved", "closed", "waiting-customer", "work-done"]);
}
