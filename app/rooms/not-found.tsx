// The same page as the root's, but inside the rooms layout: a room that is missing or not yours
// renders in the app shell whatever the order the layout and the page finish in (one answer for both).
export { default } from "../not-found";
