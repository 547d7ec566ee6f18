package io.liaison.association;

/** SINGLE: one label for both sides (Colleague). PAIR: one label per side (Manager / Employee). */
enum LabelType {
    SINGLE, PAIR
}
