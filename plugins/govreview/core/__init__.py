"""The pure core: policy, page and evidence models, step assignment and the gate. No I/O."""
