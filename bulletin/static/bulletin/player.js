// Click-to-play for the showcase: the page carries only a link and the player's address in
// data-embed; the iframe (and so any request to the video host) is created on click.
document.addEventListener("click", (event) => {
  const start = event.target.closest("a.player-start[data-embed]");
  if (!start) return;
  event.preventDefault();
  const frame = document.createElement("iframe");
  frame.src = start.dataset.embed;
  frame.title = start.dataset.title || "";
  frame.allow = "autoplay; fullscreen; picture-in-picture";
  frame.allowFullscreen = true;
  frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
  frame.className = "player-frame";
  const player = start.closest(".player");
  player.replaceChildren(frame);
  frame.focus();
});
