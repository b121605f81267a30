import Persistence
import Testing

struct SQLScriptTests {
    @Test func splitsOnSemicolonsOutsideQuotesAndComments() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (x text DEFAULT 'semi;colon');
            /* block; comment */ CREATE TABLE "b;c" (y int);
            DO $body$ BEGIN PERFORM 1; PERFORM 2; END $body$;
            SELECT $$;$$;
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 4)
        #expect(statements[0].hasSuffix("CREATE TABLE a (x text DEFAULT 'semi;colon')"))
        #expect(statements[1].contains("\"b;c\""))
        #expect(statements[2] == "DO $body$ BEGIN PERFORM 1; PERFORM 2; END $body$")
        #expect(statements[3] == "SELECT $$;$$")
    }

    @Test func dropsCommentOnlyAndEmptyStatements() {
        #expect(SQLScript.statements("-- nothing here\n;\n  ;").isEmpty)
    }

    @Test func positionalParametersAreNotDollarQuotes() {
        #expect(SQLScript.statements("SELECT $1; SELECT 2").count == 2)
    }
}
