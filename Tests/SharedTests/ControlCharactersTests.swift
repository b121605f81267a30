import Testing
import WebUI

/// Input is stored without the control characters nobody types (PostgreSQL refuses NUL in text and JSON).
struct ControlCharactersTests {
    @Test func controlCharactersGoButTabsAndLineBreaksStay() {
        #expect("Mar\u{0}tin\u{7}".withoutControlCharacters == "Martin")
        #expect("ligne 1\r\nligne 2\tfin".withoutControlCharacters == "ligne 1\r\nligne 2\tfin")
        #expect("Élodie 😀".withoutControlCharacters == "Élodie 😀")
    }
}
