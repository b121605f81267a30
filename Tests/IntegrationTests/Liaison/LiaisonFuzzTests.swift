import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Liaison

/// Junk forms on every POST route of the investigators' portal (FormFuzz): anonymous and as an investigator of the
/// declaring unit, with the declaration, its question and its files, unknown ids or junk in the path.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct LiaisonFuzzTests {
    @Test func junkFormsNeverBreakThePortalAndARefusedOneWritesNothing() async throws {
        let seed = Junk.seed()
        try await LiaisonHarness.make().run { harness, client in
            let author = try await harness.investigator(unit: "GN-BR-69", force: "GN")
            var objects = try await harness.declarationWithQuestionAndFiles(as: author, client)
            // The declaration routes get a draft, so that its steps take the junk.
            let draft = try #require(try await client.post("/fdo/declarations", as: author).headers[.location])
            objects.declaration = try #require(UUID(uuidString: String(draft.split(separator: "/")[2])))
            let routes = harness.router.routes.map { (method: $0.method, path: "\($0.path)") }
            var pages = routes.filter { $0.method == .get && $0.path.hasPrefix("/fdo") }.map { objects.path($0.path) }
            pages += ["procedure", "occupant"].map { draft.replacingOccurrences(of: "/faits", with: "/\($0)") }
            var names = Set<String>()
            for page in pages { names.formUnion(Junk.fieldNames(in: try await client.get(page, as: author).text)) }
            let posts = routes.filter { $0.method == .post }.map(\.path)
            #expect(posts.count >= 8 && names.count >= 25, "the fuzz run must cover the portal's forms: \(names)")
            let fuzz = FormFuzz(
                seed: seed,
                database: harness.database,
                schema: "liaison",
                // The wizard keeps a step's answers, problems and all, so that nothing typed is lost.
                draftSaves: ["/fdo/declarations/{id}/{step}"]
            )
            // Before the forms, whose last post signs the visitor out.
            let queries = try await fuzz.queries(
                client,
                gets: routes.filter { $0.method == .get }.map(\.path),
                visitors: [nil, author],
                names: names.sorted(),
                parameters: objects.parameters(of:)
            )
            let summary = try await fuzz.run(
                client,
                posts: posts,
                visitors: [nil, author],
                names: names.sorted(),
                parameters: objects.parameters(of:)
            )
            FileHandle.standardError.write(Data((summary + "\n" + queries + "\n").utf8))
        }
    }
}
