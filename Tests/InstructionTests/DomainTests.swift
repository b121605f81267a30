import Testing

@testable import Instruction

struct DomainTests {
    @Test(arguments: [
        ("75011", "75"), ("01000", "01"), ("20000", "2A"), ("20200", "2B"), ("97400", "974"), ("98800", "988"), ("7501", "?"),
    ])
    func departmentOfAPostalCode(postalCode: String, department: String) {
        #expect(Department.of(postalCode: postalCode) == department)
    }

    @Test func theLifecycleHasFourteenStatesEachWithAnAgentLabel() {
        #expect(ClaimState.allCases.count == 14)
        #expect(Set(ClaimState.allCases.map(\.agentLabel)).count == 14)
        #expect(ClaimState(rawValue: "A_ATTRIBUER") == .toAssign)
    }
}
