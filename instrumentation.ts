/**
 * Runs once when the Next.js server starts (not during `next build`): check
 * the environment now, so a bad value stops the server at boot with a message
 * naming the variable instead of failing the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvAtBoot } = await import("./lib/boot-check");
    checkEnvAtBoot();
  }
}
