import type { Logger } from '@herald/logging';

export type Disposable = () => Promise<void> | void;

/** Collects teardown steps as resources open, and runs them in reverse order once. */
export class CleanupStack {
  private readonly steps: { name: string; dispose: Disposable }[] = [];
  private disposing: Promise<void> | undefined;

  constructor(private readonly log: Logger) {}

  push<T>(name: string, resource: T, dispose: (resource: T) => Promise<void> | void): T {
    this.steps.push({ name, dispose: () => dispose(resource) });
    return resource;
  }

  defer(name: string, dispose: Disposable): void {
    this.steps.push({ name, dispose });
  }

  dispose(): Promise<void> {
    this.disposing ??= this.disposeAll();
    return this.disposing;
  }

  private async disposeAll(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.dispose();
      } catch (error) {
        this.log.warn({ err: error, resource: step.name }, 'cleanup step failed');
      }
    }
  }
}
