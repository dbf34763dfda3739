using ValeoErp.Application.Abstractions;
using ValeoErp.Functions.Auth;
using ValeoErp.Functions.Endpoints;
using ValeoErp.Functions.Hosting;
using ValeoErp.Functions.Http;

if (RestoreCommand.Matches(args))
{
    Environment.ExitCode = await RestoreCommand.Run(args);
    return;
}

// Settings are read once at start: a watcher on the content root would wake on every write of a store kept beside it.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
var documentOnly = builder.ConfigureBuildTimeDocument(); // the build writing obj/openapi/valeo-erp.json: no store
var shape = builder.ConfigureRuntimeShape();
builder.AddConsole();
builder.AddTelemetry(shape);

builder.Services.ConfigureHttpJsonOptions(o => ValeoJson.ConfigureApi(o.SerializerOptions));
builder.Services.AddProblemResponses();
builder.Services.AddStorage(builder.Configuration);
builder.Services.AddFeatures();
builder.Services.AddValeoAuth(builder.Configuration, shape);
builder.Services.AddEventBackbone(builder.Configuration, shape, builder.Environment);
builder.Services.AddProcesses(builder.Configuration, shape, documentOnly);
builder.Services.AddValeoOpenApi();
builder.Services.AddRateLimits(builder.Configuration);
builder.Services.AddDocumentTools();

var app = builder.Build();

app.UseProblemResponses();
app.UseApiPage(shape);
app.UseCorrelation();
app.UseIdempotencyBuffering();
app.UseAuthentication();
app.UseActorContext();
app.UseAuthorization();
app.UseRequestGuard();
app.UseRateLimiter();
app.UseConsolePages();

app.MapHealth();
app.MapMetrics(shape);
app.MapIdentity();
app.MapApiDocument();
app.MapDevToken(shape);
app.MapPartners();
app.MapCompliance();
app.MapGrain();
app.MapNutrientsAndSupplierRisk();
app.MapInventory();
app.MapReferenceData();
app.MapSales();
app.MapPurchasing();
app.MapFinance();
app.MapCompanyProfile();
app.MapVerification();
app.MapEventBackbone();
app.MapProcesses();
app.MapLiveUpdates();
app.MapSearch();
app.MapAdministration();
app.MapConsole(shape);

if (!documentOnly) await app.PrepareStore(shape);
await app.RunAsync();

/// <summary>Entry point type, public for WebApplicationFactory.</summary>
public partial class Program;
