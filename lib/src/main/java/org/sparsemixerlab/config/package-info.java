/** The immutable model configuration, its presets, validation and derived figures. */
package org.sparsemixerlab.config;
