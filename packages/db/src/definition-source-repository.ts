/**
 * Where each object of a project is written when its repo is a Feast repo in Python: replaced as
 * a whole by every apply from code (an apply from TypeScript leaves none).
 */
import type { PrismaRegistryClient } from "./client";

export interface DefinitionSourceInput {
  kind: string;
  name: string;
  language: string;
  file: string;
  line: number;
  code: string;
}

export interface DefinitionSourceRecord extends DefinitionSourceInput {
  updatedAt: Date;
}

export class DefinitionSourceRepository {
  constructor(private readonly prisma: PrismaRegistryClient) {}

  /** The project's rows become exactly `sources` (nothing when the project does not exist). */
  async replace(projectName: string, sources: DefinitionSourceInput[]): Promise<void> {
    const project = await this.prisma.project.findUnique({ where: { name: projectName }, select: { id: true } });
    if (!project) return;
    await this.prisma.$transaction(async (tx) => {
      await tx.definitionSource.deleteMany({ where: { projectId: project.id } });
      if (sources.length > 0) {
        await tx.definitionSource.createMany({ data: sources.map((s) => ({ ...s, projectId: project.id })) });
      }
    });
  }

  async find(projectName: string, kind: string, name: string): Promise<DefinitionSourceRecord | null> {
    const row = await this.prisma.definitionSource.findFirst({
      where: { project: { name: projectName }, kind, name },
    });
    return row
      ? {
          kind: row.kind,
          name: row.name,
          language: row.language,
          file: row.file,
          line: row.line,
          code: row.code,
          updatedAt: row.updatedAt,
        }
      : null;
  }
}
