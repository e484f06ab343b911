"""Cooperation and publicity (DESIGN §7): cooperations with alumni enterprises, and stories."""
