// What the pictures of a layer's tensors say (ui/Pictures): their labels for a screen reader and
// the note when not every channel is drawn.

export const PICTURE_TEXT = {
  group: (names: readonly string[]) =>
    `${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '')} as images`,
  channel: (name: string, i: number, k: number) => `picture of ${name}, sample ${i}, channel ${k}`,
  colour: (name: string, i: number) => `picture of ${name}, sample ${i}, in colour`,
  someChannels: (shown: number, total: number, name: string) =>
    `${shown} of ${total} channels of ${name} drawn`,
};
