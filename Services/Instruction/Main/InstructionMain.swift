import Instruction
import ServiceKit

@main
enum InstructionMain {
    static func main() async {
        await ServiceRunner.main(InstructionService.self)
    }
}
