import { describe, expect, it } from "vitest";
import { asPantryError, driverMessage } from "../src/registry/registry";

const PRISMA_MESSAGE =
  "\nInvalid `this.prisma.project.findUnique()` invocation in\n/srv/app/packages/db/src/registry-repository.ts:57:32\n\n  54 }\n  55 \n  56 findProject(name: string): Promise<ProjectRecord | null> {\n→ 57   return this.prisma.project.findUnique(\nCan't reach database server at 127.0.0.1:44993";

describe("registry errors as users read them", () => {
  it("drop the ORM's invocation frame and code excerpt, keeping the driver's words", () => {
    expect(driverMessage(PRISMA_MESSAGE)).toBe("Can't reach database server at 127.0.0.1:44993");
    expect(driverMessage("plain failure")).toBe("plain failure");
  });

  it("name the registry, hide its password and say what to check when it is unreachable", () => {
    const error = Object.assign(new Error(PRISMA_MESSAGE), { code: "P1001" });
    const translated = asPantryError(error, { type: "postgres", url: "postgresql://pantry:s3cret@db:5432/reg" } as never);
    expect(translated.code).toBe("UNAVAILABLE");
    expect(translated.message).toMatch(/^the registry at postgresql:\/\/pantry:\*+@db:5432\/reg failed: Can't reach database server at 127\.0\.0\.1:44993; check that the database is running/);
    expect(translated.message).not.toContain("invocation");
    expect(translated.message).not.toContain("registry-repository.ts");
    expect(translated.message).not.toContain("s3cret");
  });
});
