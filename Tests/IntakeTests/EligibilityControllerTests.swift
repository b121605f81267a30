import Hummingbird
import HummingbirdTesting
import ServiceKit
import Testing

@testable import Intake

/// The eligibility pages through the router: progressive questions, outcomes in plain French.
struct EligibilityControllerTests {
    private func page(_ query: String) async throws -> String {
        let router = Router(context: ServiceRequestContext.self)
        EligibilityController(pages: try IntakeService.pages()).addRoutes(to: router)
        return try await Application(router: router).test(.router) { client in
            let response = try await client.execute(uri: "/eligibilite\(query)", method: .get)
            #expect(response.status == .ok)
            return String(buffer: response.body)
        }
    }

    @Test func theFirstQuestionIsAskedWithLabelledRadios() async throws {
        let html = try await page("")
        #expect(html.contains("<legend class=\"fr-fieldset__legend\">Quelle est votre situation"))
        #expect(
            html.contains("<input type=\"radio\" id=\"statut-locataire\" name=\"statut\" value=\"locataire\" required>")
        )
        #expect(html.contains("<label class=\"fr-label\" for=\"statut-locataire\">Locataire du logement</label>"))
    }

    @Test func landlordsAreAskedAboutTheirTenantAndKeepTheirAnswers() async throws {
        let html = try await page("?statut=proprietaire-bailleur")
        #expect(html.contains("Votre locataire était-il la personne recherchée"))
        #expect(html.contains("<input type=\"hidden\" name=\"statut\" value=\"proprietaire-bailleur\">"))
        #expect(html.contains("href=\"/eligibilite\">modifier"))
    }

    @Test func anIneligibleOutcomeGivesTheLegalReasonAlternativesAndAFileAnywayPath() async throws {
        let html = try await page("?statut=proprietaire-occupant&vise=oui")
        #expect(html.contains("Votre situation ne relève pas de cette indemnisation"))
        #expect(html.contains("faute lourde"))
        #expect(html.contains("CIVI"))
        #expect(
            html.contains(
                "href=\"/demandes/nouvelle?statut=proprietaire-occupant&amp;vise=oui\">Déposer une demande malgré tout"
            )
        )
    }

    @Test func anEligibleTenantSeesTheWarningsAndTheDocumentsToGather() async throws {
        let html = try await page("?statut=locataire&vise=non&heberge=non&assureur=non&bailleur=oui")
        #expect(html.contains("Vous pouvez demander une indemnisation"))
        #expect(html.contains("Contactez votre assureur et demandez-lui une attestation"))
        #expect(html.contains("Contrat de location"))
        #expect(html.contains("Attestation de non-prise en charge par votre bailleur"))
        #expect(!html.contains("{{"))
    }
}
