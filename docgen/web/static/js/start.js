// The start page: the unfinished drafts kept in this browser, to go on with.

import { listOnStartPage } from "./restore.js";

const card = document.getElementById("unfinished-drafts");
if (card) listOnStartPage(card);
