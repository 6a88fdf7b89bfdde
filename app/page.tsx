import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/session";

/** `/` is only a doorway: the room list when signed in, else sign-in. */
export default async function Home() {
  redirect((await getSessionUser()) ? "/rooms" : "/signin");
}
