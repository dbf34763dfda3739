using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ValeoErp.Client;
using ValeoErp.Ui.Pages;
using ValeoErp.Ui.Services;

namespace ValeoErp.Tests.Ui;

/// <summary>The sign-in page follows what the host says about sign-in: the dev-token form locally, Entra ID in Azure.</summary>
public sealed class SignInTests : UiTestContext
{
    private IRenderedComponent<SignIn> RenderWith(ConsoleAuth auth)
    {
        Services.AddSingleton(auth);
        Services.AddSingleton<IValeoClient>(new ValeoClient(new HttpClient { BaseAddress = new Uri("http://localhost/") }));
        return Render<SignIn>();
    }

    [Fact]
    public void Local_ShowsTheDevTokenForm_AndNoEntraButton()
    {
        var cut = RenderWith(new ConsoleAuth("dev", null, null, null));
        cut.FindAll("[data-testid=signin-user]").Should().NotBeEmpty();
        cut.FindAll("[data-testid=signin-entra]").Should().BeEmpty();
    }

    [Fact]
    public void Entra_OffersOnlyTheEntraSignIn_WhichStartsTheLoginFlow()
    {
        var cut = RenderWith(new ConsoleAuth("entra", "https://login.microsoftonline.com/t/v2.0", "console-client", "api://valeo/.default"));
        cut.FindAll("[data-testid=signin-user]").Should().BeEmpty("no dev tokens in the Azure shape");
        cut.Find("[data-testid=signin-entra]").Click();
        Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith("/authentication/login");
    }

    [Fact]
    public void Entra_WithoutTheConsoleClientId_NamesTheMissingSetting()
    {
        var cut = RenderWith(new ConsoleAuth("entra", "https://login.microsoftonline.com/t/v2.0", null, "api://valeo/.default"));
        cut.Find("[data-testid=signin-not-configured]").TextContent.Should().Contain("Auth__ConsoleClientId");
        cut.FindAll("[data-testid=signin-entra]").Should().BeEmpty();
    }
}
