using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Compliance;

namespace ValeoErp.Application.Compliance;

public sealed record RiskAssessmentInput(string? AssessedOn, RiskLevel? Risk, string? Findings, string? Measures, string? NextReviewDue);

/// <summary>
/// LkSG supplier risk assessments per supplier (<c>/api/v1/partners/{id}/risk-assessments</c>). Added, never edited,
/// like evidence: the assessor is the caller, the time the ledger's. <see cref="All"/> and <see cref="For"/> serve the
/// compliance monitor (a supplier without a current assessment: none whose next review is due today or later).
/// </summary>
public sealed class SupplierRiskAssessments(Ledger ledger, MasterData data)
{
    public const string Type = "risk-assessment";

    public async Task<Result<RiskAssessment>> Record(string partnerId, RiskAssessmentInput input, CancellationToken ct)
    {
        var partner = await data.Get(PartnerResource.Suppliers, partnerId, ct);
        if (!partner.IsSuccess) return partner.Error!;
        var errors = new FieldErrors();
        var assessedOn = Orders.ParseDate(errors, "assessedOn", input.AssessedOn, required: true);
        if (input.Risk is null) errors.Add("risk", "is required: low, medium or high.");
        var findings = errors.Required("findings", input.Findings, 4000);
        var measures = errors.Optional("measures", input.Measures, 4000);
        var nextReview = Orders.ParseDate(errors, "nextReviewDue", input.NextReviewDue, required: true);
        if (assessedOn is { } on && on > ledger.Today) errors.Add("assessedOn", "must not be in the future.");
        if (assessedOn is { } a && nextReview is { } n && n <= a) errors.Add("nextReviewDue", "must be after assessedOn.");
        // LkSG §§6, 7: a risk found calls for measures; only a low risk may stand without.
        if (input.Risk is RiskLevel.Medium or RiskLevel.High && measures is null && !errors.All.Any(e => e.Field == "measures"))
            errors.Add("measures", "are required when the risk is medium or high (LkSG §§6, 7).");
        if (errors.Any) return errors.ToError();

        var assessment = new RiskAssessment
        {
            Id = Ids.New(), PartnerId = partnerId, AssessedOn = assessedOn!.Value, Risk = input.Risk!.Value, Findings = findings!, Measures = measures,
            NextReviewDue = nextReview!.Value, AssessedBy = ledger.UserId, RecordedAt = ledger.Now,
        };
        var changes = new ChangeSet();
        Stage(changes, assessment);
        return await ledger.Commit(Scope.Master, changes, ct) is { } error ? error : assessment;
    }

    /// <summary>The record, its audit entry and its event, for a commit of the caller's (also the demo seed's).</summary>
    public void Stage(ChangeSet changes, RiskAssessment assessment)
    {
        Ledger.Create(changes, Type, assessment.Id, assessment,
            new RecordIndex($"{assessment.PartnerId}|{assessment.AssessedOn:yyyy-MM-dd}|{assessment.Id}", SearchText.Index(assessment.Risk.ToString()),
                [$"partner:{assessment.PartnerId}"]));
        ledger.Record(changes, Type, "riskAssessment.recorded", assessment.Id, null, ValeoJson.Serialize(assessment));
        ledger.Emit(changes, "riskAssessment.recorded", $"partner/{assessment.PartnerId}", assessment);
    }

    public async Task<Result<IReadOnlyList<RiskAssessment>>> List(string partnerId, CancellationToken ct)
    {
        var partner = await data.Get(PartnerResource.Suppliers, partnerId, ct);
        if (!partner.IsSuccess) return partner.Error!;
        return Result<IReadOnlyList<RiskAssessment>>.Ok(await For(partnerId, ct));
    }

    public async Task<Result<RiskAssessment>> Get(string partnerId, string assessmentId, CancellationToken ct) =>
        await ledger.Find<RiskAssessment>(Scope.Master, Type, assessmentId, ct) is { Value: var found } && found.PartnerId == partnerId
            ? found
            : new NotFound("Risk assessment", assessmentId);

    /// <summary>One supplier's assessments, oldest first.</summary>
    public async Task<IReadOnlyList<RiskAssessment>> For(string partnerId, CancellationToken ct) =>
        [.. (await ledger.All<RiskAssessment>(Scope.Master, Type, ct, $"partner:{partnerId}")).OrderBy(a => a.AssessedOn).ThenBy(a => a.RecordedAt)];

    /// <summary>Every supplier's assessments, for the compliance monitor.</summary>
    public async Task<IReadOnlyList<RiskAssessment>> All(CancellationToken ct) =>
        [.. (await ledger.All<RiskAssessment>(Scope.Master, Type, ct)).OrderBy(a => a.PartnerId, StringComparer.Ordinal).ThenBy(a => a.AssessedOn)];
}
