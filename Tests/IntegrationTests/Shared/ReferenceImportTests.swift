import Foundation
import Intake
import Persistence
import PostgresNIO
import ReferenceData
import ServiceKit
import TestSupport
import Testing

/// The importer against real PostgreSQL, in a service's schema with its runtime role: the shipped sample loads;
/// an unchanged file is not loaded again; a changed one replaces its dataset, its bad lines counted; a file that is
/// mostly malformed is refused and the data already there kept.
@Suite(.enabled(if: TestEnvironment.serversAvailable))
struct ReferenceImportTests {
    private static func withIntakeSchema(_ body: @Sendable (PostgresClient, TestDatabase) async throws -> Void)
        async throws
    {
        let database = try await TestDatabase.create(migrations: ["intake": try IntakeService.allMigrations()])
        try await database.settings("intake").withClient(logger: TestDatabase.logger) { client in
            try await body(client, database)
        }
        try await database.drop()
    }

    @Test func theSampleLoadsOnceAndThePostalCodesNameTheirCommunes() async throws {
        try await Self.withIntakeSchema { client, database in
            let importer = ReferenceImporter(client: client, logger: TestDatabase.logger)
            let places = Places(client: client, logger: TestDatabase.logger)
            #expect(try await places.communes(postalCode: "69006") == nil, "nothing loaded, nothing checked")

            let first = try await importer.importAll(from: ReferenceSettings.sampleDirectory)
            for dataset in ReferenceDataset.allCases {
                guard case .loaded(let rows, let rejected)? = first[dataset] else {
                    Issue.record("\(dataset) not loaded: \(String(describing: first[dataset]))")
                    continue
                }
                #expect(rows > 0 && rejected.isEmpty, "\(dataset)")
            }
            let arrondissement = try await database.count(
                """
                SELECT count(*) FROM intake.ref_commune
                WHERE insee_code = '69386' AND address_name = 'Lyon' AND department_code = '69'
                """
            )
            #expect(arrondissement == 1, "an arrondissement is written with its city's name")
            #expect(try await database.count("SELECT count(*) FROM intake.ref_unit WHERE force = 'PP'") == 2)

            let lyon = try #require(try await places.communes(postalCode: "69006"))
            #expect(lyon.map(\.name) == ["Lyon"] && lyon.first?.departmentCode == "69")
            let aix = try #require(try await places.communes(postalCode: "13100"))
            #expect(aix.map(\.name) == ["Aix-en-Provence", "Beaurecueil", "Le Tholonet"])
            #expect(try await places.communes(postalCode: "13999") == [], "a code La Poste does not know")
            #expect(
                try await places.check(postalCode: "42000", commune: "saint etienne")
                    == .recognised(
                        try #require(try await places.communes(postalCode: "42000")?.first)
                    )
            )

            let again = try await importer.importAll(from: ReferenceSettings.sampleDirectory)
            #expect(again.values.allSatisfy { $0 == .unchanged }, "\(again)")
        }
    }

    @Test func aChangedFileReplacesItsDatasetAndAMostlyMalformedOneIsRefused() async throws {
        try await Self.withIntakeSchema { client, database in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ref-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let importer = ReferenceImporter(client: client, logger: TestDatabase.logger)
            let file = directory.appendingPathComponent(ReferenceDataset.postalCodes.fileName)
            let header = "#Code_commune_INSEE;Nom_de_la_commune;Code_postal;Libellé_d_acheminement;Ligne_5\n"
            let good = (1...9).map { "6938\($0);LYON 0\($0);6900\($0);LYON;" }
            try (header + good.joined(separator: "\n") + "\n69381;LYON 01;690;LYON;\n").write(
                to: file,
                atomically: true,
                encoding: .utf8
            )

            let loaded = try await importer.importDataset(.postalCodes, from: directory)
            #expect(loaded == .loaded(rows: 9, rejected: [RejectedLine(line: 11, reason: "code postal invalide")]))
            #expect(
                try await database.count("SELECT rejected FROM intake.ref_import WHERE dataset = 'postal-codes'") == 1
            )
            #expect(try await importer.importDataset(.communes, from: directory) == .missing)

            try (header + "not;a;postal;code;file\n" + good.prefix(2).joined(separator: "\n")).write(
                to: file,
                atomically: true,
                encoding: .utf8
            )
            await #expect(throws: ReferenceFileError.mostlyMalformed(rejected: 1, of: 3)) {
                try await importer.importDataset(.postalCodes, from: directory)
            }
            #expect(try await database.count("SELECT count(*) FROM intake.ref_postal_code") == 9, "kept as it was")
        }
    }
}
