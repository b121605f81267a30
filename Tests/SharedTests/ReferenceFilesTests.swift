import Foundation
import Testing

@testable import ReferenceData

/// The official files as their publishers write them, and the lines the importer must refuse: each kept file of
/// the shipped sample reads without a rejected line; a malformed line is rejected with its number, the others kept.
struct ReferenceFilesTests {
    private static func sample(_ dataset: ReferenceDataset) throws -> Data {
        try Data(contentsOf: ReferenceSettings.sampleDirectory.appendingPathComponent(dataset.fileName))
    }

    @Test func theShippedSampleReadsWithoutARejectedLine() throws {
        let departments = try ReferenceFiles.departments(try Self.sample(.departments))
        #expect(
            departments.rejected.isEmpty && departments.rows.contains(DepartmentRow(code: "2A", name: "Corse-du-Sud"))
        )
        let communes = try ReferenceFiles.communes(try Self.sample(.communes))
        #expect(communes.rejected.isEmpty)
        #expect(communes.rows.contains { $0.inseeCode == "01001" && $0.name == "L'Abergement-Clémenciat" })
        // La Poste's file is Windows-1252, with a `#` before its first column and CRLF line ends.
        let postalCodes = try ReferenceFiles.postalCodes(try Self.sample(.postalCodes))
        #expect(postalCodes.rejected.isEmpty)
        #expect(
            postalCodes.rows.contains(
                PostalCodeRow(
                    inseeCode: "13001",
                    posteName: "AIX EN PROVENCE",
                    postalCode: "13080",
                    routingLabel: "AIX EN PROVENCE"
                )
            )
        )
        let countries = try ReferenceFiles.countries(try Self.sample(.countries))
        #expect(countries.rejected.isEmpty)
        #expect(countries.rows.contains(CountryRow(cogCode: "99109", name: "Allemagne", iso2: "DE")))
        #expect(!countries.rows.contains { $0.cogCode == "99115" }, "a country that no longer exists is left out")
        let gendarmerie = try ReferenceFiles.gendarmerieUnits(try Self.sample(.gendarmerieUnits))
        #expect(
            gendarmerie.rejected.isEmpty && gendarmerie.rows.allSatisfy { $0.force == "GN" && $0.code.hasPrefix("GN-") }
        )
        let police = try ReferenceFiles.policeUnits(try Self.sample(.policeUnits))
        #expect(police.rejected.isEmpty)
        #expect(police.rows.first { $0.departmentCode == "75" }?.force == "PP", "Paris is the Préfecture de police's")
        #expect(police.rows.first { $0.departmentCode == "69" }?.force == "PN")
    }

    @Test func malformedLinesAreRejectedWithTheirNumberAndTheOthersKept() throws {
        let file = """
            #Code_commune_INSEE;Nom_de_la_commune;Code_postal;Libellé_d_acheminement;Ligne_5
            69386;LYON 06;69006;LYON;
            69386;LYON 06;6900;LYON;
            6938;LYON 06;69006;LYON;
            69386;;69006;LYON;
            69386;LYON 06
            2B033;BASTIA;20200;BASTIA;
            """
        let parsed = try ReferenceFiles.postalCodes(Data(file.utf8))
        #expect(parsed.rows.map(\.inseeCode) == ["69386", "2B033"])
        #expect(
            parsed.rejected == [
                RejectedLine(line: 3, reason: "code postal invalide"),
                RejectedLine(line: 4, reason: "code commune invalide"),
                RejectedLine(line: 5, reason: "nom de commune vide"),
                RejectedLine(line: 6, reason: "2 champs au lieu de 5"),
            ]
        )
    }

    @Test func quotedFieldsMayHoldTheDelimiterAndQuotes() throws {
        let file = """
            TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT
            COM,"01001",84,"01",,,5,ABERGEMENT CLEMENCIAT,"Abergement, ""dit"" Clémenciat","L'Abergement, ""dit"" Clémenciat",,
            ARM,69386,84,69,,,0,LYON 6E ARRONDISSEMENT,Lyon 6e Arrondissement,Lyon 6e Arrondissement,,69123
            COMD,99999,84,,,,0,X,X,X,,
            XYZ,01002,84,01,,,0,Y,Y,Y,,
            """
        let parsed = try ReferenceFiles.communes(Data(file.utf8))
        #expect(parsed.rows.first?.name == "L'Abergement, \"dit\" Clémenciat")
        #expect(parsed.rows.last?.parentCode == "69123")
        #expect(parsed.rejected.map(\.line) == [4, 5], "no department nor parent; an unknown type")
    }

    @Test func aFileWithoutTheExpectedColumnsIsRefusedAsAWhole() {
        #expect(throws: ReferenceFileError.missingColumn("code_postal")) {
            try ReferenceFiles.postalCodes(
                Data("code_commune_insee;nom_de_la_commune;cp;libelle_d_acheminement\n".utf8)
            )
        }
        #expect(throws: ReferenceFileError.empty) { try ReferenceFiles.departments(Data("\n\n".utf8)) }
    }

    @Test func placeNamesCompareAsPeopleTypeThem() {
        #expect(PlaceNames.folded("ST ETIENNE") == PlaceNames.folded("saint-étienne"))
        #expect(PlaceNames.folded("L ABERGEMENT CLEMENCIAT") == PlaceNames.folded("L’Abergement-Clémenciat"))
        #expect(PlaceNames.folded("Lyon") != PlaceNames.folded("Lyons"))
    }

    @Test func aCommuneTypedIsRecognisedOrTheCommunesOfThePostalCodeAreNamed() {
        let aix = PostalCommune(
            inseeCode: "13001",
            name: "Aix-en-Provence",
            departmentCode: "13",
            foldedNames: ["aix en provence"]
        )
        let tholonet = PostalCommune(
            inseeCode: "13109",
            name: "Le Tholonet",
            departmentCode: "13",
            foldedNames: ["le tholonet"]
        )
        #expect(
            CommuneCheck(postalCode: "13100", typed: "AIX-EN-PROVENCE", candidates: [aix, tholonet]) == .recognised(aix)
        )
        #expect(CommuneCheck(postalCode: "13090", typed: "", candidates: [aix]) == .recognised(aix), "the only one")
        let missing = CommuneCheck(postalCode: "13100", typed: "", candidates: [aix, tholonet])
        #expect(
            missing.problem?.message
                == "Indiquez la commune. Le code postal 13100 dessert : Aix-en-Provence ou Le Tholonet."
        )
        let wrong = CommuneCheck(postalCode: "13100", typed: "Lyon", candidates: [aix, tholonet])
        #expect(wrong.problem?.field == .commune)
        #expect(wrong.problem?.message.hasPrefix("La commune « Lyon » ne correspond pas au code postal 13100") == true)
        let unknown = CommuneCheck(postalCode: "00000", typed: "Nulle part", candidates: [])
        #expect(
            unknown.problem?.field == .postalCode
                && unknown.problem?.message == "Le code postal 00000 n’existe pas : vérifiez-le."
        )
    }
}
